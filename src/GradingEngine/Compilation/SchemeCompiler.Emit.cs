using System.Reflection;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using Linq = System.Linq.Expressions;

namespace GradingEngine.Compilation;

internal sealed partial class SchemeCompiler
{
    private static readonly FieldInfo NumbersField = typeof(FactFrame).GetField(nameof(FactFrame.Numbers))!;
    private static readonly FieldInfo BooleansField = typeof(FactFrame).GetField(nameof(FactFrame.Booleans))!;
    private static readonly FieldInfo TextsField = typeof(FactFrame).GetField(nameof(FactFrame.Texts))!;
    private static readonly MethodInfo MathMin = typeof(Math).GetMethod(nameof(Math.Min), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo MathMax = typeof(Math).GetMethod(nameof(Math.Max), [typeof(double), typeof(double)])!;
    private static readonly MethodInfo MathRound = typeof(Math).GetMethod(nameof(Math.Round), [typeof(double), typeof(int), typeof(MidpointRounding)])!;

    /// <summary>
    /// Orders the nodes so that every writer of a fact runs before every reader of it, and writers that
    /// overwrite the same value run in salience order. Among nodes free to run, higher salience goes first,
    /// then declaration order, so the order (and so every result) is the same on every run.
    /// </summary>
    private List<Node>? Order()
    {
        var writers = new Dictionary<object, List<Node>>();
        foreach (var node in _nodes)
        {
            foreach (var key in node.Writes.Distinct())
            {
                if (!writers.TryGetValue(key, out var list))
                {
                    writers[key] = list = [];
                }

                list.Add(node);
            }
        }

        var successors = _nodes.ToDictionary(n => n, _ => new HashSet<Node>());
        var via = new Dictionary<(Node, Node), object>();
        void Edge(Node from, Node to, object key)
        {
            if (from != to && successors[from].Add(to))
            {
                via[(from, to)] = key;
            }
        }

        foreach (var node in _nodes)
        {
            foreach (var key in node.Reads)
            {
                if (writers.TryGetValue(key, out var list))
                {
                    foreach (var writer in list)
                    {
                        Edge(writer, node, key);
                    }
                }
            }

            foreach (var key in node.Overwrites)
            {
                var ordered = writers[key].Where(w => w.Overwrites.Contains(key)).OrderByDescending(w => w.Salience).ThenBy(w => w.Order).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    Edge(ordered[i - 1], ordered[i], key);
                }
            }
        }

        var indegree = _nodes.ToDictionary(n => n, _ => 0);
        foreach (var target in successors.Values.SelectMany(s => s))
        {
            indegree[target]++;
        }

        var ready = new PriorityQueue<Node, (int, int)>();
        foreach (var node in _nodes.Where(n => indegree[n] == 0))
        {
            ready.Enqueue(node, (-node.Salience, node.Order));
        }

        var order = new List<Node>(_nodes.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var next in successors[node])
            {
                if (--indegree[next] == 0)
                {
                    ready.Enqueue(next, (-next.Salience, next.Order));
                }
            }
        }

        if (order.Count == _nodes.Count)
        {
            return order;
        }

        ReportCycles(_nodes.Where(n => indegree[n] > 0).ToHashSet(), successors, via);
        return null;
    }

    private void ReportCycles(HashSet<Node> stuck, Dictionary<Node, HashSet<Node>> successors, Dictionary<(Node, Node), object> via)
    {
        var reported = new HashSet<Node>();
        foreach (var start in stuck.OrderBy(n => n.Order))
        {
            if (reported.Contains(start) || FindCycle(start, stuck, successors) is not { } cycle)
            {
                continue;
            }

            if (cycle.Any(reported.Contains))
            {
                continue;
            }

            reported.UnionWith(cycle);
            var first = cycle.OrderBy(n => n.Order).First();
            var rotated = cycle.SkipWhile(n => n != first).Concat(cycle.TakeWhile(n => n != first)).ToList();
            rotated.Add(first);
            var steps = new List<string> { rotated[0].Name };
            for (var i = 1; i < rotated.Count; i++)
            {
                steps.Add($"（{KeyName(via[(rotated[i - 1], rotated[i])])}）→ {rotated[i].Name}");
            }

            var path = string.Join(" ", steps);
            Error(DiagnosticCodes.Cycle, first.Where, $"规则与计算值之间存在循环依赖：{path} (rules and values depend on each other in a cycle: {path})");
        }
    }

    private static List<Node>? FindCycle(Node start, HashSet<Node> stuck, Dictionary<Node, HashSet<Node>> successors)
    {
        // Iterative depth-first search for a path from start back to start within the stuck nodes.
        var parent = new Dictionary<Node, Node>();
        var stack = new Stack<Node>();
        stack.Push(start);
        var seen = new HashSet<Node> { start };
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var next in successors[node].Where(stuck.Contains).OrderBy(n => n.Order))
            {
                if (next == start)
                {
                    var cycle = new List<Node> { node };
                    while (cycle[^1] != start)
                    {
                        cycle.Add(parent[cycle[^1]]);
                    }

                    cycle.Reverse();
                    return cycle;
                }

                if (seen.Add(next))
                {
                    parent[next] = node;
                    stack.Push(next);
                }
            }
        }

        return null;
    }

    private static string KeyName(object key) => key switch
    {
        Symbol s => $"“{s.Name}”",
        _ => key.ToString() ?? "?",
    };

    /// <summary>Emits the prologue that resets per-subject state, then every node in order, as one delegate.</summary>
    private Action<FactFrame> Emit(List<Node> order, Slot forced, Slot cap, Slot withheld, Slot imposedCap)
    {
        var f = Linq.Expression.Parameter(typeof(FactFrame), "frame");
        var statements = new List<Linq.Expression>();
        foreach (var item in _items)
        {
            statements.Add(Linq.Expression.Assign(Access(f, item.Adjustment), Linq.Expression.Constant(0.0)));
        }

        foreach (var flag in _flags)
        {
            statements.Add(Linq.Expression.Assign(Access(f, flag.Slot), Linq.Expression.Constant(false)));
        }

        foreach (var value in _settable.Values)
        {
            var target = Access(f, value.Symbol.Slot);
            statements.Add(Linq.Expression.Assign(target, Linq.Expression.Constant(value.Initial, target.Type)));
        }

        statements.Add(Linq.Expression.Assign(Access(f, forced), Linq.Expression.Constant(-1.0)));
        statements.Add(Linq.Expression.Assign(Access(f, cap), Access(f, imposedCap)));
        statements.Add(Linq.Expression.Assign(Access(f, withheld), Linq.Expression.Constant(false)));
        foreach (var (list, aggregates) in _fusedLoops)
        {
            statements.Add(LinqEmitter.EmitFused(list, aggregates, f));
        }

        foreach (var node in order)
        {
            statements.Add(node.Emit(f));
        }

        statements.Add(Linq.Expression.Empty());
        var lambda = Linq.Expression.Lambda<Action<FactFrame>>(Linq.Expression.Block(statements), $"Grade_{_scheme.Id}", [f]);
        return lambda.Compile();
    }

    /// <summary>The array element of a slot in a frame.</summary>
    internal static Linq.Expression Access(Linq.Expression frame, Slot slot) => slot.Kind switch
    {
        StorageKind.Number => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, NumbersField), Linq.Expression.Constant(slot.Index)),
        StorageKind.Boolean => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, BooleansField), Linq.Expression.Constant(slot.Index)),
        StorageKind.Text => Linq.Expression.ArrayAccess(Linq.Expression.Field(frame, TextsField), Linq.Expression.Constant(slot.Index)),
        _ => throw new InvalidOperationException($"No direct access to {slot}."),
    };

    private Linq.Expression Round(Linq.Expression value) =>
        Linq.Expression.Call(MathRound, value, Linq.Expression.Constant(_scheme.Precision), Linq.Expression.Constant(MidpointRounding.AwayFromZero));
}
