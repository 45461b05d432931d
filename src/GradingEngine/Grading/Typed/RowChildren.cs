using GradingEngine.BackEnds;
using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Grading.Typed;

/// <summary>
/// Lists and linked subjects of a typed row: each child bound by its own row binding and, when linked, graded. Nothing
/// is allocated per row: child frames and the arrays holding them come from the scope's pools, a child's path is only
/// spelled out when it has a problem, and a list given as an <see cref="IReadOnlyList{T}"/> is read by index.
/// </summary>
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
        ChildGrading? grading = linked is null ? null : new ChildGrading(linked.Model.ImposedCap.Index, linked.Evaluator);
        if (items is IReadOnlyList<TChild> list)
        {
            for (var n = 0; n < list.Count; n++)
            {
                Add(list[n], n, layout, child, grading, frames, scope, path);
            }
        }
        else
        {
            var n = 0;
            foreach (var item in items)
            {
                Add(item, n++, layout, child, grading, frames, scope, path);
            }
        }

        if (linked is not null)
        {
            RowQuotas.Apply(linked, frames, scope);
        }

        // An array of the scope's own, not shared with another list of the same row (a child of another child may
        // hold a list of the same length).
        frame.Lists[input.Slot.Index] = frames.Count == 0 ? [] : scope.RentArray(frames);
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
        if (!Bind(child, value, childFrame, scope, path, -1))
        {
            return;
        }

        scope.Evaluate(linked.Evaluator, childFrame);
        input.TakeLinked(frame, childFrame);

        frame.Lists[input.Slot.Index] = scope.RentArray(childFrame);
    }

    private static void Add<TChild>(TChild item, int n, FactLayout layout, RowBinding child, ChildGrading? grading, List<FactFrame> frames, BindScope scope, string path)
    {
        if (item is null)
        {
            scope.Problems.Add(new InputProblem(ItemPath(path, n), "应为对象 (must be an object)"));
            return;
        }

        var childFrame = scope.Rent(layout);
        if (Bind(child, item, childFrame, scope, path, n))
        {
            if (grading is { } g)
            {
                childFrame.Numbers[g.ImposedCap] = 0; // a rented frame may hold a quota's cap from its last use
                scope.Evaluate(g.Evaluator, childFrame);
            }

            frames.Add(childFrame);
        }
    }

    /// <summary>Binds a child; its problems are prefixed with its path (the list's path and <paramref name="index"/>, unless −1).</summary>
    private static bool Bind(RowBinding child, object item, FactFrame childFrame, BindScope scope, string path, int index)
    {
        var before = scope.Problems.Count;
        child.Bind(item, childFrame, scope);
        if (scope.Problems.Count == before)
        {
            return true;
        }

        var prefix = index < 0 ? path : ItemPath(path, index);
        for (var i = before; i < scope.Problems.Count; i++)
        {
            scope.Problems[i] = scope.Problems[i] with { Field = $"{prefix}.{scope.Problems[i].Field}" };
        }

        return false;
    }

    /// <summary>What grading a linked list's children needs, looked up once per list: the quota cap's slot and the thread's evaluator.</summary>
    private readonly record struct ChildGrading(int ImposedCap, FrameEvaluator Evaluator);

    private static string ItemPath(string path, int index) => $"{path}[{index}]";
}
