using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using Linq = System.Linq.Expressions;

namespace GradingEngine.RuleModel;

internal sealed partial class SchemeChecker
{
    private static readonly System.Reflection.MethodInfo MathMin = FrameAccess.MathMin;
    private static readonly System.Reflection.MethodInfo MathMax = FrameAccess.MathMax;

    /// <summary>
    /// Orders the nodes so that every writer of a fact runs before every reader of it, and writers that
    /// overwrite the same value run in salience order. Among nodes free to run, higher salience goes first,
    /// then declaration order, so the order (and so every result) is the same on every run.
    /// </summary>
    private List<EvaluationStep>? Order()
    {
        var writers = new Dictionary<object, List<EvaluationStep>>();
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

        var successors = _nodes.ToDictionary(n => n, _ => new HashSet<EvaluationStep>());
        var via = new Dictionary<(EvaluationStep, EvaluationStep), object>();
        void Edge(EvaluationStep from, EvaluationStep to, object key)
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

        var ready = new PriorityQueue<EvaluationStep, (int, int)>();
        foreach (var node in _nodes.Where(n => indegree[n] == 0))
        {
            ready.Enqueue(node, (-node.Salience, node.Order));
        }

        var order = new List<EvaluationStep>(_nodes.Count);
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
            foreach (var node in order)
            {
                foreach (var next in successors[node])
                {
                    next.Depth = Math.Max(next.Depth, node.Depth + 1);
                    next.DependsOn.Add(node);
                }
            }

            return order;
        }

        ReportCycles(_nodes.Where(n => indegree[n] > 0).ToHashSet(), successors, via);
        return null;
    }

    private void ReportCycles(HashSet<EvaluationStep> stuck, Dictionary<EvaluationStep, HashSet<EvaluationStep>> successors, Dictionary<(EvaluationStep, EvaluationStep), object> via)
    {
        var reported = new HashSet<EvaluationStep>();
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

            // Reported at a rule or value of the cycle (then an item or rating): never at the total or the level, which
            // are the scheme as a whole and have no place of their own in the file.
            var first = cycle.OrderBy(n => n.Kind switch { StepKind.Rule or StepKind.Value => 0, StepKind.Item or StepKind.Rating => 1, _ => 2 }).ThenBy(n => n.Order).First();
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

    private static List<EvaluationStep>? FindCycle(EvaluationStep start, HashSet<EvaluationStep> stuck, Dictionary<EvaluationStep, HashSet<EvaluationStep>> successors)
    {
        // Iterative depth-first search for a path from start back to start within the stuck nodes.
        var parent = new Dictionary<EvaluationStep, EvaluationStep>();
        var stack = new Stack<EvaluationStep>();
        stack.Push(start);
        var seen = new HashSet<EvaluationStep> { start };
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var next in successors[node].Where(stuck.Contains).OrderBy(n => n.Order))
            {
                if (next == start)
                {
                    var cycle = new List<EvaluationStep> { node };
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

    /// <summary>
    /// The statements that reset per-subject state before the steps run: adjustments, flags, settable values,
    /// level constraints (the cap starts from one imposed from outside), and the fused aggregations when the back
    /// end asks for them.
    /// </summary>
    private Func<StepContext, Linq.Expression> Prologue(Slot forced, Slot cap, Slot withheld, Slot imposedCap)
    {
        var items = _items.ToList();
        var flags = _flags.ToList();
        var settable = _settable.Values.ToList();
        var fusedLoops = _fusedLoops.ToList();
        return c =>
        {
            var f = c.Frame;
            var statements = new List<Linq.Expression>();
            foreach (var item in items)
            {
                statements.Add(Linq.Expression.Assign(Access(f, item.Adjustment), Linq.Expression.Constant(0.0)));
            }

            foreach (var flag in flags)
            {
                statements.Add(Linq.Expression.Assign(Access(f, flag.Slot), Linq.Expression.Constant(false)));
            }

            foreach (var value in settable)
            {
                var target = Access(f, value.Symbol.Slot);
                statements.Add(Linq.Expression.Assign(target, Linq.Expression.Constant(value.Initial, target.Type)));
            }

            statements.Add(Linq.Expression.Assign(Access(f, forced), Linq.Expression.Constant(-1.0)));
            statements.Add(Linq.Expression.Assign(Access(f, cap), Access(f, imposedCap)));
            statements.Add(Linq.Expression.Assign(Access(f, withheld), Linq.Expression.Constant(false)));
            if (c.Fused is not null)
            {
                foreach (var (list, aggregates) in fusedLoops)
                {
                    statements.Add(LinqEmitter.EmitFused(list, aggregates, f));
                }
            }

            statements.Add(Linq.Expression.Empty());
            return Linq.Expression.Block(statements);
        };
    }

    /// <summary>The array element of a slot in a frame.</summary>
    private static Linq.Expression Access(Linq.Expression frame, Slot slot) => FrameAccess.Slot(frame, slot);

    private Linq.Expression Round(Linq.Expression value) => FrameAccess.Round(value, _scheme.Precision);
}
