using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Grading.Typed;

/// <summary>Lists and linked subjects of a typed row: each child bound by its own row binding and, when linked, graded.</summary>
internal static class RowChildren
{
    public static void List<TChild>(FactFrame frame, InputPlan input, IEnumerable<TChild>? items, RowBinding? child, GradingScheme? linked, BindScope scope, string path)
    {
        var layout = linked?.Model.Layout ?? input.ChildLayout!;
        if (items is null || child is null)
        {
            frame.Lists[input.Slot.Index] = [];
            return;
        }

        var frames = scope.RentList();
        var n = 0;
        foreach (var item in items)
        {
            var itemPath = $"{path}[{n++}]";
            if (item is null)
            {
                scope.Problems.Add(new InputProblem(itemPath, "应为对象 (must be an object)"));
                continue;
            }

            var childFrame = scope.Rent(layout);
            if (Bind(child, item, childFrame, scope, itemPath))
            {
                if (linked is not null)
                {
                    childFrame.Numbers[linked.Model.ImposedCap.Index] = 0; // a rented frame may hold a quota's cap from its last use
                    linked.Evaluator.Evaluate(childFrame);
                }

                frames.Add(childFrame);
            }
        }

        linked?.ApplyQuotas(frames);
        // A new array each time: a child of another child may hold a list of the same length in the same row.
        frame.Lists[input.Slot.Index] = frames.Count == 0 ? [] : [.. frames];
        scope.ReturnList(frames);
    }

    public static void Subject(FactFrame frame, InputPlan input, object? value, RowBinding? child, GradingScheme? linked, BindScope scope, string path)
    {
        if (value is null || child is null || linked is null)
        {
            if (input.Required)
            {
                scope.Problems.Add(new InputProblem(path, $"缺少必需的值“{input.DisplayName}” (required value missing)"));
                return;
            }

            input.ClearLinked(frame);
            return;
        }

        var childFrame = scope.Rent(linked.Model.Layout);
        if (!Bind(child, value, childFrame, scope, path))
        {
            return;
        }

        linked.Evaluator.Evaluate(childFrame);
        input.TakeLinked(frame, childFrame);

        frame.Lists[input.Slot.Index] = [childFrame];
    }

    private static bool Bind(RowBinding child, object item, FactFrame childFrame, BindScope scope, string path)
    {
        var before = scope.Problems.Count;
        child.Bind(item, childFrame, scope);
        for (var i = before; i < scope.Problems.Count; i++)
        {
            scope.Problems[i] = scope.Problems[i] with { Field = $"{path}.{scope.Problems[i].Field}" };
        }

        return scope.Problems.Count == before;
    }
}
