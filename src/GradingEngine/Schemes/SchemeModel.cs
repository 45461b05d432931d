using GradingEngine.Schemes.Json;

namespace GradingEngine.Schemes;

// The scheme model: a plain data model of what a scheme file says, produced by SchemeReader and consumed by the
// compiler. It holds positions (the JSON nodes) so that every later check can say where a problem is.

/// <summary>Which kind of subject a scheme grades.</summary>
public enum SubjectKind
{
    /// <summary>基层党组织: a grassroots Party organisation (党委, 总支 or 支部).</summary>
    Organisation,
    /// <summary>领导班子: the leadership team (支部委员会) of an organisation.</summary>
    LeadershipTeam,
    /// <summary>党员: a Party member.</summary>
    Member,
}

/// <summary>How a leaf item starts before rules award or deduct points.</summary>
internal enum ItemStyle
{
    /// <summary>Starts at 0; rules award points (加分).</summary>
    Award,
    /// <summary>Starts at full points; rules deduct (扣分).</summary>
    Deduct,
}

internal sealed class SchemeDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>The days this version is in force (<c>effective</c>); every day when the file gives none.</summary>
    public EffectivePeriod Effective { get; init; }
    public required SubjectKind Subject { get; init; }
    public string? Description { get; init; }
    public int Precision { get; init; } = 2;
    public required JsonNode Node { get; init; }
    public List<RaterDefinition> Raters { get; } = [];
    public List<InputDefinition> Inputs { get; } = [];
    public List<RatingDefinition> Ratings { get; } = [];
    public List<ValueDefinition> Values { get; } = [];
    public List<FlagDefinition> Flags { get; } = [];
    public List<ItemDefinition> Items { get; } = [];
    public List<RuleDefinition> Rules { get; } = [];
    public List<LevelDefinition> Levels { get; } = [];
    public List<GateDefinition> Gates { get; } = [];
    public List<VetoDefinition> Vetoes { get; } = [];
    public List<QuotaDefinition> Quotas { get; } = [];
    public List<BottomRankingDefinition> BottomRankings { get; } = [];
}

/// <summary>A source expression: its text and the JSON string it came from.</summary>
internal sealed record ExpressionSource(string Text, JsonScalarNode Node);

internal sealed class RaterDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public required double Weight { get; init; }
    public required JsonNode Node { get; init; }
    public required JsonNode WeightNode { get; init; }
}

internal enum InputType
{
    Number,
    Integer,
    Boolean,
    Text,
    Enumeration,
    Date,
    List,
    /// <summary>One linked subject graded by another scheme (e.g. an organisation's leadership team).</summary>
    Subject,
}

internal sealed class InputDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public required InputType Type { get; init; }
    public string? Unit { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public bool Required { get; init; }
    /// <summary>The default as a JSON node (checked against the type by the compiler).</summary>
    public JsonScalarNode? Default { get; init; }
    public List<string> Values { get; } = [];
    /// <summary>Where each of <see cref="Values"/> is written.</summary>
    public List<JsonNode> ValueNodes { get; } = [];
    public List<InputDefinition> Fields { get; } = [];
    /// <summary>For a linked list or subject: the id of the scheme that grades it.</summary>
    public string? Scheme { get; init; }
    public JsonNode? SchemeNode { get; init; }
    public required JsonNode Node { get; init; }
}

internal sealed class RatingDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public double Scale { get; init; } = 100;
    /// <summary>Raters of this rating; empty means the scheme's raters.</summary>
    public List<RaterDefinition> Raters { get; } = [];
    public required JsonNode Node { get; init; }
}

internal sealed class ValueDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Unit { get; init; }
    public string? Description { get; init; }
    /// <summary>A computed value's expression; null for a value that rules set.</summary>
    public ExpressionSource? Expression { get; init; }
    /// <summary>For a value that rules set: its type and initial value.</summary>
    public InputType? Type { get; init; }
    public JsonScalarNode? Initial { get; init; }
    public List<string> EnumValues { get; } = [];
    /// <summary>Where each of <see cref="EnumValues"/> is written.</summary>
    public List<JsonNode> EnumValueNodes { get; } = [];
    public required JsonNode Node { get; init; }
}

internal sealed class FlagDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public required JsonNode Node { get; init; }
}

internal sealed class ItemDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    /// <summary>Full points; for an item with sub-items, null means the sum of theirs.</summary>
    public double? Points { get; init; }
    public ItemStyle Style { get; init; }
    public ExpressionSource? Score { get; init; }
    public List<ItemDefinition> Items { get; } = [];
    public required JsonNode Node { get; init; }
}

internal enum ActionKind
{
    Award,
    Deduct,
    Set,
    Flag,
    Force,
    Cap,
    WithholdLevel,
    Measure,
}

internal sealed class ActionDefinition
{
    public required ActionKind Kind { get; init; }
    /// <summary>The item, value, flag or level acted on; null for measures and withholding.</summary>
    public string? Target { get; init; }
    public JsonNode? TargetNode { get; init; }
    /// <summary>Points for award/deduct, the new value for set.</summary>
    public ExpressionSource? Expression { get; init; }
    /// <summary>The message template of a measure, with {expression} placeholders.</summary>
    public ExpressionSource? Template { get; init; }
    public required JsonNode Node { get; init; }
}

internal sealed class RuleDefinition
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public int Salience { get; init; }
    public ExpressionSource? When { get; init; }
    public List<ActionDefinition> Actions { get; } = [];
    public required JsonNode Node { get; init; }
    /// <summary>Where the rule came from: a rule, gate or veto (for explanations).</summary>
    public RuleOrigin Origin { get; init; }
}

internal enum RuleOrigin
{
    Rule,
    Gate,
    Veto,
}

internal sealed class LevelDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public double? MinScore { get; init; }
    public ExpressionSource? When { get; init; }
    public required JsonNode Node { get; init; }
}

internal sealed class GateDefinition
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required ExpressionSource When { get; init; }
    public required string AtBest { get; init; }
    public required JsonNode AtBestNode { get; init; }
    public required JsonNode Node { get; init; }
}

internal sealed class VetoDefinition
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required ExpressionSource When { get; init; }
    /// <summary>The level forced; null means the lowest.</summary>
    public string? Level { get; init; }
    public JsonNode? LevelNode { get; init; }
    public required JsonNode Node { get; init; }
}

/// <summary>How a share of a group is turned into a number of subjects.</summary>
internal enum QuotaRounding
{
    /// <summary>Round down (at most the share).</summary>
    Floor,
    /// <summary>Round to nearest, halves up.</summary>
    Round,
    /// <summary>Round up (at least the share).</summary>
    Ceiling,
}

/// <summary>A ranking key: a number the subjects of a group are ordered by.</summary>
internal sealed record RankKeyDefinition(ExpressionSource Name, bool Descending);

/// <summary>
/// A batch-level limit on a level within a group (名额): e.g. 一类 at most 30% of a county's organisations; the
/// subjects beyond the limit, by rank, are graded one level lower.
/// </summary>
internal sealed class QuotaDefinition
{
    public required string Id { get; init; }
    public string? Description { get; init; }
    public required string Level { get; init; }
    public required JsonNode LevelNode { get; init; }
    /// <summary>The column of the batch's data that names the group (e.g. 县).</summary>
    public required string Within { get; init; }
    public required JsonNode WithinNode { get; init; }
    public required double Share { get; init; }
    public QuotaRounding Rounding { get; init; }
    public List<RankKeyDefinition> RankBy { get; } = [];
    public required JsonNode Node { get; init; }
}

/// <summary>A batch-level bottom ranking (末位排名): the lowest share of a group, by rank, is marked for review.</summary>
internal sealed class BottomRankingDefinition
{
    public required string Id { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public required string Within { get; init; }
    public required double Share { get; init; }
    public QuotaRounding Rounding { get; init; } = QuotaRounding.Ceiling;
    public List<RankKeyDefinition> RankBy { get; } = [];
    public required JsonNode Node { get; init; }
}
