using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>Checks every file's columns before anything is graded or written: a required input or key without a column stops the run.</summary>
internal static class HeaderCheck
{
    public static void Run(RunContext context)
    {
        var files = context.Files;
        using (var reader = context.Open(files.Organisations))
        {
            var groups = context.Organisation.Quotas.Select(q => q.Within).Concat(context.Organisation.BottomRankings.Select(r => r.Within)).Distinct();
            Check(reader, context.Organisation, FileConventions.Organisations(context.GroupColumns), [.. groups, "组织编号"]);
        }

        using (var reader = context.Open(files.Teams))
        {
            Check(reader, context.Team, FileConventions.Teams, "组织编号");
        }

        using (var reader = context.Open(files.Members))
        {
            Check(reader, context.Member, FileConventions.Members, "组织编号");
        }
    }

    /// <summary>Checks a CSV header: every required input must have a column, and every required column must be there.</summary>
    private static void Check(RecordFileReader reader, CheckedScheme plan, FileConventions conventions, params string[] requiredColumns)
    {
        if (reader.Format != RecordFormat.Csv)
        {
            return; // JSON Lines has no header: each row's names are checked as it is bound
        }

        var map = ColumnMap.Build(plan, reader.Header, conventions);

        var problems = new List<string>();
        if (map.MissingRequired.Count > 0)
        {
            problems.Add($"缺少必需的列：{string.Join("、", map.MissingRequired)} (required columns missing)");
        }

        foreach (var column in requiredColumns)
        {
            if (!reader.Header.Contains(column, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"缺少列“{column}” (column '{column}' missing)");
            }
        }

        if (problems.Count > 0)
        {
            throw new BatchInputException($"{reader.Name} 第 1 行（表头）：{string.Join("；", problems)}。表头为：{string.Join(",", reader.Header)}");
        }
    }
}
