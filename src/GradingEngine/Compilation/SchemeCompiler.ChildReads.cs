using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;
using GradingEngine.Facts;

namespace GradingEngine.Compilation;

internal sealed partial class SchemeCompiler
{
    private readonly Dictionary<Symbol, HashSet<Slot>> _childReads = [];
    private readonly HashSet<Symbol> _nestedChildLists = [];

    /// <summary>
    /// Records which slots of each list's children the scheme's aggregations read, so that a batch can keep just
    /// those values of every graded child (a member's level and flags, say) instead of whole frames.
    /// </summary>
    private void NoteChildReads(BoundExpression expression)
    {
        foreach (var node in BoundTree.Descendants(expression))
        {
            if (node is not BoundAggregate { List.FrameIndex: 0 } aggregate)
            {
                continue;
            }

            var list = aggregate.List.Symbol;
            if (!_childReads.TryGetValue(list, out var slots))
            {
                _childReads[list] = slots = [];
            }

            if (aggregate.Body is null)
            {
                continue;
            }

            foreach (var inner in BoundTree.Descendants(aggregate.Body))
            {
                switch (inner)
                {
                    case BoundAggregate nested when nested.List.FrameIndex == aggregate.ChildFrameIndex:
                        _nestedChildLists.Add(list);
                        break;
                    case BoundSymbol read when read.FrameIndex == aggregate.ChildFrameIndex && read.Symbol.Type.Kind != ValueKind.List:
                        slots.Add(read.Symbol.Slot);
                        break;
                }
            }
        }
    }

    /// <summary>Per list input id: the child slots read, in slot order; null for a list aggregated more deeply.</summary>
    private Dictionary<string, IReadOnlyList<Slot>?> ChildReads()
    {
        var result = new Dictionary<string, IReadOnlyList<Slot>?>(StringComparer.Ordinal);
        foreach (var input in _inputs)
        {
            if (input.Type != Schemes.InputType.List)
            {
                continue;
            }

            var symbol = _scope.Lookup(input.Id);
            if (symbol is not null && _nestedChildLists.Contains(symbol))
            {
                result[input.Id] = null;
            }
            else
            {
                result[input.Id] = symbol is not null && _childReads.TryGetValue(symbol, out var slots)
                    ? slots.OrderBy(s => s.Kind).ThenBy(s => s.Index).ToList()
                    : [];
            }
        }

        return result;
    }
}
