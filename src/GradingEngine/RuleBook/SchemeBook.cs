namespace GradingEngine.RuleBook;

// The model of a rule book: what a policy team reads about one scheme, every part already in plain Chinese words.
// Built from the checked rule model and the scheme model (SchemeBookBuilder), laid out by BookLayout, written as
// Markdown or HTML. Immutable.

/// <summary>The rule book of one scheme.</summary>
internal sealed record SchemeBook
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    /// <summary>党组织, 领导班子 or 党员.</summary>
    public required string Subject { get; init; }
    public string? Description { get; init; }
    public required int Precision { get; init; }
    /// <summary>For a variant (<c>extends</c>): the base scheme and what the variant changes in it.</summary>
    public BookVariant? Variant { get; init; }
    public IReadOnlyList<BookLink> Links { get; init; } = [];
    public IReadOnlyList<BookRater> Raters { get; init; } = [];
    public IReadOnlyList<BookInput> Inputs { get; init; } = [];
    public IReadOnlyList<BookRating> Ratings { get; init; } = [];
    public IReadOnlyList<BookValue> Values { get; init; } = [];
    public IReadOnlyList<BookFlag> Flags { get; init; } = [];
    /// <summary>The items, the tree in reading order (a parent before its sub-items).</summary>
    public IReadOnlyList<BookItem> Items { get; init; } = [];
    public IReadOnlyList<BookRule> Rules { get; init; } = [];
    public IReadOnlyList<BookLevel> Levels { get; init; } = [];
    public IReadOnlyList<BookGate> Gates { get; init; } = [];
    public IReadOnlyList<BookVeto> Vetoes { get; init; } = [];
    public IReadOnlyList<BookBatchRule> Quotas { get; init; } = [];
    public IReadOnlyList<BookBatchRule> BottomRankings { get; init; } = [];
    public IReadOnlyList<BookMeasure> Measures { get; init; } = [];
}

/// <summary>A scheme another scheme grades its members or its team with.</summary>
/// <param name="InputId">The input that holds them.</param>
/// <param name="InputLabel">Its label.</param>
/// <param name="IsList">A list (each member graded) rather than one subject (the team).</param>
/// <param name="SchemeId">The linked scheme's id.</param>
/// <param name="SchemeName">The linked scheme's name.</param>
/// <param name="Subject">What the linked scheme grades, in Chinese.</param>
internal sealed record BookLink(string InputId, string InputLabel, bool IsList, string SchemeId, string SchemeName, string Subject);

/// <summary>A rater group of 三评 with its weight.</summary>
internal sealed record BookRater(string Id, string Label, double Weight);

/// <summary>An input a subject gives.</summary>
internal sealed record BookInput(string Id, string Label, string Type, string? Unit, string Range, string Default, string? Description);

/// <summary>A 三评 rating: the weighted sum of each rater group's score.</summary>
internal sealed record BookRating(string Id, string Label, string Scale, string Raters, string? Description);

/// <summary>A computed value, or a value rules set.</summary>
internal sealed record BookValue(string Id, string Label, string? Unit, string Meaning, string? Description);

/// <summary>A flag rules can raise.</summary>
internal sealed record BookFlag(string Id, string Label, string? Description);

/// <summary>A scoring item (depth 0 for a top-level item, 1 for its sub-items …): its full points and how it is scored.</summary>
internal sealed record BookItem(string Id, string Label, int Depth, string Points, string Scoring, string? Description);

/// <summary>A rule: its condition and what it does, in words.</summary>
internal sealed record BookRule(string Id, string? Description, string Condition, IReadOnlyList<string> Actions, int Salience);

/// <summary>A level with what it takes.</summary>
internal sealed record BookLevel(string Id, string Label, string Threshold, string? Condition, string? Description);

/// <summary>A gate: when it holds, the level is at best <see cref="AtBest"/>.</summary>
internal sealed record BookGate(string Id, string? Description, string Condition, string AtBest);

/// <summary>A veto (一票否决): when it holds, the level is <see cref="Level"/>.</summary>
internal sealed record BookVeto(string Id, string? Description, string Condition, string Level);

/// <summary>A quota (名额) or a bottom ranking (末位排名), in words.</summary>
internal sealed record BookBatchRule(string Id, string Label, string? Description, string Summary);

/// <summary>A measure a rule recommends, with the rule and its condition.</summary>
internal sealed record BookMeasure(string RuleId, string RuleName, string Condition, string Text);

/// <summary>A variant's base scheme and its changes to it.</summary>
internal sealed record BookVariant(string BaseId, string BaseName, IReadOnlyList<BookOverride> Overrides);

/// <summary>What a variant does to one entry of its base: replaces, removes or adds it, or changes a property.</summary>
/// <param name="Section">The section, in Chinese (规则, 评分项 …).</param>
/// <param name="Id">The entry's id (or the property's name).</param>
/// <param name="Change">替换, 删除, 新增 or 修改.</param>
/// <param name="Old">The base scheme's entry in words; null when added.</param>
/// <param name="New">The variant's entry in words; null when removed.</param>
internal sealed record BookOverride(string Section, string Id, string Change, string? Old, string? New);
