using GradingEngine.RuleModel;
using GradingEngine.Diagnostics;
using GradingEngine.Schemes;

namespace GradingEngine.Batch.Binding;

/// <summary>What a column of a data file holds.</summary>
internal enum ColumnRole
{
    /// <summary>Not recognised: reported once as a warning and ignored.</summary>
    Unknown,
    /// <summary>A scheme input (by id or Chinese label).</summary>
    Input,
    /// <summary>The subject's own id (组织编号 in the organisations file, 党员编号 in the members file).</summary>
    SubjectId,
    /// <summary>The organisation a member or team belongs to (组织编号).</summary>
    Organisation,
    /// <summary>A region level or grouping column (省, 市, 县 …), kept for summaries and quotas.</summary>
    Group,
    /// <summary>A descriptive column carried to the results (组织名称, 姓名).</summary>
    Name,
}

/// <summary>The names a kind of data file uses for its non-input columns.</summary>
internal sealed record FileConventions(
    string Kind,
    IReadOnlyList<string> SubjectIdNames,
    IReadOnlyList<string> OrganisationNames,
    IReadOnlyList<string> NameColumns,
    IReadOnlyList<string> GroupColumns)
{
    public static FileConventions Organisations(IReadOnlyList<string> groups) =>
        new("党组织", ["组织编号", "id", "编号"], [], ["组织名称", "名称"], groups);

    public static FileConventions Teams { get; } =
        new("领导班子", [], ["组织编号", "所属组织编号", "id"], ["班子名称"], []);

    public static FileConventions Members { get; } =
        new("党员", ["党员编号", "id", "编号"], ["组织编号", "所属组织编号"], ["姓名"], []);
}

/// <summary>
/// Matches the columns of a data file to a scheme's inputs (by id or by Chinese label; a rater score as
/// <c>评价项.评价主体</c>) and to the file's own columns (ids, organisation, region). Immutable.
/// </summary>
internal sealed class ColumnMap
{
    private ColumnMap(IReadOnlyList<string> columns, ColumnRole[] roles, int[] inputs, int[] groups, IReadOnlyList<string> warnings, IReadOnlyList<string> missing)
    {
        Columns = columns;
        Roles = roles;
        InputIndex = inputs;
        GroupIndex = groups;
        Warnings = warnings;
        MissingRequired = missing;
        SubjectIdColumn = Array.IndexOf(roles, ColumnRole.SubjectId);
        OrganisationColumn = Array.IndexOf(roles, ColumnRole.Organisation);
        NameColumn = Array.IndexOf(roles, ColumnRole.Name);
        BindIndex = new int[roles.Length];
        for (var c = 0; c < roles.Length; c++)
        {
            BindIndex[c] = roles[c] == ColumnRole.Unknown ? Ignored : inputs[c];
        }
    }

    /// <summary>In <see cref="BindIndex"/>: a column the run does not read.</summary>
    public const int Ignored = -2;

    /// <summary>
    /// Per column, what binding does with it: <see cref="Ignored"/>; -1 for a column the run reads that is no input
    /// (an id, a name, a region: only checked for characters no data may hold); else the index into the plan's inputs.
    /// </summary>
    public int[] BindIndex { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Per column: its role.</summary>
    public ColumnRole[] Roles { get; }

    /// <summary>Per column: the index into the plan's inputs, or -1.</summary>
    public int[] InputIndex { get; }

    /// <summary>Per column: the index into the conventions' group columns, or -1.</summary>
    public int[] GroupIndex { get; }

    /// <summary>Column problems that do not stop the run (an unknown column).</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Required inputs with no column: the file cannot be graded.</summary>
    public IReadOnlyList<string> MissingRequired { get; }

    /// <summary>The column of the subject id, or -1.</summary>
    public int SubjectIdColumn { get; }

    /// <summary>The column of the organisation reference, or -1.</summary>
    public int OrganisationColumn { get; }

    /// <summary>The column of the subject's name, or -1.</summary>
    public int NameColumn { get; }

    /// <summary>Maps <paramref name="columns"/> for a file of the given kind graded by <paramref name="plan"/>.</summary>
    public static ColumnMap Build(CheckedScheme plan, IReadOnlyList<string> columns, FileConventions conventions)
    {
        var names = Grading.InputText.Names(plan.Inputs);
        var roles = new ColumnRole[columns.Count];
        var inputs = new int[columns.Count];
        var groups = new int[columns.Count];
        var warnings = new List<string>();
        var seen = new HashSet<int>();
        for (var c = 0; c < columns.Count; c++)
        {
            var name = columns[c];
            inputs[c] = -1;
            groups[c] = -1;
            if (IndexOf(conventions.SubjectIdNames, name) >= 0 && Array.IndexOf(roles, ColumnRole.SubjectId) < 0)
            {
                roles[c] = ColumnRole.SubjectId;
            }
            else if (IndexOf(conventions.OrganisationNames, name) >= 0 && Array.IndexOf(roles, ColumnRole.Organisation) < 0)
            {
                roles[c] = ColumnRole.Organisation;
            }
            else if (IndexOf(conventions.GroupColumns, name) is var g and >= 0)
            {
                roles[c] = ColumnRole.Group;
                groups[c] = g;
            }
            else if (IndexOf(conventions.NameColumns, name) >= 0)
            {
                roles[c] = ColumnRole.Name;
            }
            else if (names.TryGetValue(name, out var index) && plan.Inputs[index].Linked is null && plan.Inputs[index].Type != InputType.List)
            {
                if (!seen.Add(index))
                {
                    warnings.Add($"第 {c + 1} 列“{name}”与前面的列重复给出“{plan.Inputs[index].DisplayName}”，已忽略 (column {c + 1} repeats an input; ignored)");
                    continue;
                }

                roles[c] = ColumnRole.Input;
                inputs[c] = index;
            }
            else
            {
                var known = names.Keys.Concat(conventions.SubjectIdNames).Concat(conventions.OrganisationNames).Concat(conventions.GroupColumns);
                var suggestion = Suggestions.Closest(name, known);
                warnings.Add($"第 {c + 1} 列“{name}”不是{conventions.Kind}方案的输入项，已忽略{(suggestion is null ? string.Empty : $"；是否应为“{suggestion}”？")} (column {c + 1} '{name}' is not an input of the scheme; ignored)");
            }
        }

        var missing = new List<string>();
        for (var i = 0; i < plan.Inputs.Count; i++)
        {
            var input = plan.Inputs[i];
            if (!seen.Contains(i) && input.Linked is null && input.Type != InputType.List && input.Default is null)
            {
                missing.Add(input.DisplayName);
            }
        }

        return new ColumnMap(columns, roles, inputs, groups, warnings, missing);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
