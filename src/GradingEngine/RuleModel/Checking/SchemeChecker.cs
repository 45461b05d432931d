using System.Globalization;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Facts;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.RuleModel;

/// <summary>
/// Checks a <see cref="SchemeDefinition"/> into the rule model, a <see cref="CheckedScheme"/>: declares every name
/// with a slot, checks every expression against those names, and orders values, rules, items and the level by their
/// dependency graph (a cycle is an error naming it). Every load-time diagnostic comes from here; back ends only
/// compile the result. All problems are collected in the <see cref="DiagnosticBag"/>; the model is produced only
/// when there are none.
/// </summary>
internal sealed partial class SchemeChecker
{
    /// <summary>Names the engine gives meaning to; a scheme cannot declare them.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["total", "总分", "level", "等级", "id"];

    private readonly SchemeDefinition _scheme;
    private readonly DiagnosticBag _bag;
    private readonly ExpressionLimits _limits;
    private readonly FactLayout _layout = new();
    private readonly SchemeScope _scope;
    private readonly List<InputPlan> _inputs = [];
    private readonly List<ItemPlan> _items = [];
    private readonly Dictionary<string, int> _itemIndex = new(StringComparer.Ordinal);
    private readonly List<FlagPlan> _flags = [];
    private readonly List<ValuePlan> _values = [];
    private readonly Dictionary<string, SettableValue> _settable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingValue> _pending = new(StringComparer.Ordinal);
    private readonly Stack<PendingValue> _typing = new();
    private readonly List<PendingValue> _typed = [];
    private readonly Dictionary<RatingDefinition, Symbol> _composites = [];
    private readonly List<EvaluationStep> _nodes = [];
    private readonly Func<string, CheckedScheme?> _resolve;
    private readonly Func<string, string?> _failedFile;
    private ExprType _levelType = ExprType.Integer;

    private SchemeChecker(SchemeDefinition scheme, DiagnosticBag bag, ExpressionLimits limits, Func<string, CheckedScheme?> resolve, Func<string, string?>? failedFile)
    {
        _scheme = scheme;
        _bag = bag;
        _limits = limits;
        _resolve = resolve;
        _failedFile = failedFile ?? (static _ => null);
        _scope = new LazyScope(this, scheme.Name, _layout);
    }

    /// <param name="scheme">The scheme model.</param>
    /// <param name="bag">Receives every problem.</param>
    /// <param name="limits">Expression limits.</param>
    /// <param name="resolve">Finds the compiled schemes that linked inputs name.</param>
    /// <param name="failedFile">The file of a linked scheme that was loaded but has problems, if any (for messages).</param>
    public static CheckedScheme? Check(SchemeDefinition scheme, DiagnosticBag bag, ExpressionLimits limits, Func<string, CheckedScheme?> resolve, Func<string, string?>? failedFile = null)
    {
        var checker = new SchemeChecker(scheme, bag, limits, resolve, failedFile);
        return checker.Check();
    }

    private CheckedScheme? Check()
    {
        CheckIds();
        var total = _scope.Declare("total", ExprType.Number, "总分", Builtin.Total);
        _scope.Alias("总分", total);
        DeclareLevels();
        var level = _scope.Declare("level", _levelType, "等级", Builtin.Level);
        _scope.Alias("等级", level);
        DeclareInputs();
        DeclareRatings();
        DeclareFlags();
        DeclareItems();
        DeclareValues();

        var forced = _layout.Allocate(StorageKind.Number);
        var cap = _layout.Allocate(StorageKind.Number);
        var withheld = _layout.Allocate(StorageKind.Boolean);
        var scoreLevel = _layout.Allocate(StorageKind.Number);
        var imposedCap = _layout.Allocate(StorageKind.Number);

        TypeAllValues();
        AddRatingNodes();
        AddValueNodes();
        AddItemNodes(total);
        var levels = AddLevelNode(total, level, scoreLevel, forced, cap, withheld);
        var rules = AddRuleNodes(forced, cap, withheld);
        var (quotas, bottomRankings) = CompileBatchRules(levels);

        // Ordered even when there were other problems, so that a cycle is reported with them.
        var order = Order();
        if (order is null || _bag.HasErrors)
        {
            return null;
        }

        PlanFusedAggregations();
        return new CheckedScheme
        {
            Id = _scheme.Id,
            Name = _scheme.Name,
            Version = _scheme.Version,
            Effective = _scheme.Effective,
            Subject = _scheme.Subject,
            Description = _scheme.Description,
            Layout = _layout,
            Scope = _scope,
            Steps = order,
            Prologue = Prologue(forced, cap, withheld, imposedCap),
            Fused = _fused,
            Inputs = _inputs,
            Items = _items,
            Levels = levels,
            Rules = rules,
            Flags = _flags,
            Values = _values,
            Total = total.Slot,
            Level = level.Slot,
            ScoreLevel = scoreLevel,
            Forced = forced,
            Cap = cap,
            Withheld = withheld,
            ImposedCap = imposedCap,
            ChildReads = ChildReads(),
            Quotas = quotas,
            BottomRankings = bottomRankings,
            Precision = _scheme.Precision,
            RuleRunOrder = order.Where(n => n.RuleIndex >= 0).Select(n => n.RuleIndex).ToList(),
        };
    }

    // ------------------------------------------------------------------ ids

    private void CheckIds()
    {
        var names = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        void Claim(string id, JsonNode node, string what)
        {
            if (ReservedNames.Contains(id))
            {
                Error(DiagnosticCodes.ReservedName, node,
                    $"{what}“{id}”使用了保留名称（{string.Join("、", ReservedNames)} 由引擎定义） ({what} '{id}' uses a reserved name)");
            }
            else if (names.TryGetValue(id, out var first))
            {
                Error(DiagnosticCodes.DuplicateId, node,
                    $"{what}的 id“{id}”重复，已在第 {first.Line} 行声明 (duplicate id '{id}', already declared at line {first.Line})");
            }
            else
            {
                names.Add(id, node);
            }
        }

        foreach (var i in _scheme.Inputs)
        {
            Claim(i.Id, i.Node, "输入项");
            CheckUnique(i.Fields.Select(f => (f.Id, f.Node)), "子项字段");
        }

        foreach (var r in _scheme.Ratings)
        {
            Claim(r.Id, r.Node, "评价项");
            CheckUnique(r.Raters.Select(x => (x.Id, x.Node)), "评价主体");
        }

        foreach (var v in _scheme.Values)
        {
            Claim(v.Id, v.Node, "计算值");
        }

        foreach (var f in _scheme.Flags)
        {
            Claim(f.Id, f.Node, "标记");
        }

        foreach (var item in AllItems(_scheme.Items))
        {
            Claim(item.Id, item.Node, "评分项");
        }

        CheckUnique(_scheme.Rules.Select(r => (r.Id, r.Node))
            .Concat(_scheme.Gates.Select(g => (g.Id, g.Node)))
            .Concat(_scheme.Vetoes.Select(v => (v.Id, v.Node))), "规则");
        CheckUnique(_scheme.Levels.Select(l => (l.Id, l.Node)), "等级");
        CheckUnique(_scheme.Raters.Select(r => (r.Id, r.Node)), "评价主体");
    }

    private void CheckUnique(IEnumerable<(string Id, JsonNode Node)> declarations, string what)
    {
        var seen = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (id, node) in declarations)
        {
            if (!seen.TryAdd(id, node))
            {
                Error(DiagnosticCodes.DuplicateId, node,
                    $"{what}的 id“{id}”重复，已在第 {seen[id].Line} 行声明 (duplicate id '{id}', already declared at line {seen[id].Line})");
            }
        }
    }

    private static IEnumerable<ItemDefinition> AllItems(IEnumerable<ItemDefinition> items)
    {
        foreach (var item in items)
        {
            yield return item;
            foreach (var child in AllItems(item.Items))
            {
                yield return child;
            }
        }
    }

    private static object ZeroOf(ExprType type) => type.Kind switch
    {
        ValueKind.Boolean => false,
        ValueKind.Text => string.Empty,
        _ => 0.0,
    };

    private static string Fmt(double value) => Expressions.ValueFormatter.FormatNumber(value);

    private void Error(string code, JsonNode node, string message) => _bag.Add(code, message, node.Location(_bag.File));

    private sealed record SettableValue(Symbol Symbol, object Initial);

    private sealed class PendingValue(ValueDefinition definition)
    {
        public ValueDefinition Definition { get; } = definition;
        public Symbol? Symbol { get; set; }
        public CheckedExpression? Checked { get; set; }
        public bool Done { get; set; }
        /// <summary>Waiting, on the typing stack, for the values it names to be typed.</summary>
        public bool InProgress { get; set; }
    }

    /// <summary>Engine-defined values, used as owners of built-in symbols.</summary>
    private enum Builtin
    {
        Total,
        Level,
    }
}
