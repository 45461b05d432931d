namespace GradingEngine.Batch.WhatIf;

/// <summary>What changing a scheme would do to a province: the same data graded with both versions, compared.</summary>
/// <param name="Before">The organisation scheme in force (id and version).</param>
/// <param name="After">The proposed organisation scheme (id and version).</param>
/// <param name="Kinds">Per kind of subject (党组织, 领导班子, 党员): the level transition matrix.</param>
/// <param name="Regions">Per region below the province (e.g. each 市 and each 县), per kind: the transitions.</param>
/// <param name="Files">The files written: the changed subjects with their reasons, the transitions, the HTML page.</param>
public sealed record SchemeComparisonSummary(
    string Before,
    string After,
    IReadOnlyList<KindComparison> Kinds,
    IReadOnlyList<RegionComparison> Regions,
    IReadOnlyList<string> Files);

/// <summary>One kind of subject compared.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="Compared">Subjects graded by both schemes.</param>
/// <param name="Changed">Subjects whose level changes.</param>
/// <param name="TotalChanged">Subjects whose total changes, whether or not their level does.</param>
/// <param name="OnlyBefore">Subjects graded before but rejected after (an input the new scheme does not accept).</param>
/// <param name="OnlyAfter">Subjects rejected before but graded after.</param>
/// <param name="Transitions">Subjects per (level before, level after), in level order, including the unchanged.</param>
public sealed record KindComparison(
    string Kind,
    long Compared,
    long Changed,
    long TotalChanged,
    long OnlyBefore,
    long OnlyAfter,
    IReadOnlyList<LevelTransition> Transitions);

/// <summary>Subjects that had one level before and another (or the same) after.</summary>
public sealed record LevelTransition(string From, string To, long Count);

/// <summary>One region's transitions for one kind.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="RegionLevel">The region level (e.g. 市, 县).</param>
/// <param name="Region">The region's name.</param>
/// <param name="Compared">Subjects of the region graded by both schemes.</param>
/// <param name="Changed">Of them, subjects whose level changes.</param>
/// <param name="Transitions">Subjects per (level before, level after) with a change only.</param>
public sealed record RegionComparison(string Kind, string RegionLevel, string Region, long Compared, long Changed, IReadOnlyList<LevelTransition> Transitions);

/// <summary>A subject whose level changes, and why.</summary>
/// <param name="Kind">党组织, 领导班子 or 党员.</param>
/// <param name="Id">The subject's id.</param>
/// <param name="OrganisationId">Its organisation's id (the same as <paramref name="Id"/> for an organisation or a team).</param>
/// <param name="Regions">Its regions, from the province down.</param>
/// <param name="From">The level before ("" when rejected before).</param>
/// <param name="To">The level after ("" when rejected after).</param>
/// <param name="TotalBefore">The total before.</param>
/// <param name="TotalAfter">The total after.</param>
/// <param name="Reason">Why, in Chinese: the items whose points changed, a threshold, a flag, a quota.</param>
public sealed record SubjectChange(
    string Kind,
    string Id,
    string OrganisationId,
    IReadOnlyList<string> Regions,
    string From,
    string To,
    string TotalBefore,
    string TotalAfter,
    string Reason);
