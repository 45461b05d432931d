using GradingEngine.Expressions;
using GradingEngine.Expressions.Binding;
using GradingEngine.Facts;

namespace GradingEngine.RuleModel;

internal sealed partial class SchemeChecker
{
    private readonly Dictionary<Symbol, HashSet<Slot>> _childReads = [];
    private readonly HashSet<Symbol> _nestedChildLists = [];
    private readonly Dictionary<Symbol, List<BoundAggregate>> _fusable = [];
    private Dictionary<BoundAggregate, Slot>? _fused;
    private List<(BoundSymbol List, List<(BoundAggregate, Slot)> Aggregates)> _fusedLoops = [];

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

            if (IsFusable(aggregate))
            {
                if (!_fusable.TryGetValue(list, out var group))
                {
                    _fusable[list] = group = [];
                }

                if (!group.Contains(aggregate))
                {
                    group.Add(aggregate);
                }
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

    /// <summary>
    /// An aggregation over an input list whose body reads only the child (no outer names, no nested lists): it can
    /// be computed before anything else runs, together with the other such aggregations of the same list.
    /// </summary>
    private static bool IsFusable(BoundAggregate aggregate) =>
        aggregate.Body is not null
        && BoundTree.Descendants(aggregate.Body).All(n => n switch
        {
            BoundAggregate => false,
            BoundSymbol read => read.FrameIndex == aggregate.ChildFrameIndex && read.Symbol.Type.Kind != ValueKind.List,
            _ => true,
        });

    /// <summary>
    /// Gives every fusable aggregation of a list that has more than one a slot, once: the prologue computes them all in
    /// one pass over the list (<see cref="LinqEmitter.EmitFused"/>) and every expression reads the slot instead of
    /// looping again.
    /// </summary>
    private void PlanFusedAggregations()
    {
        if (_fused is not null)
        {
            return;
        }

        _fused = new Dictionary<BoundAggregate, Slot>(ReferenceEqualityComparer.Instance);
        foreach (var input in _inputs.Where(i => i.Type == Schemes.InputType.List))
        {
            if (_scope.Lookup(input.Id) is not { } symbol || !_fusable.TryGetValue(symbol, out var group) || group.Count < 2)
            {
                continue;
            }

            var loop = new List<(BoundAggregate, Slot)>();
            foreach (var aggregate in group)
            {
                var slot = _layout.Allocate(aggregate.Kind is AggregateKind.Any or AggregateKind.All ? StorageKind.Boolean : StorageKind.Number);
                _fused[aggregate] = slot;
                loop.Add((aggregate, slot));
            }

            _fusedLoops.Add((group[0].List, loop));
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
