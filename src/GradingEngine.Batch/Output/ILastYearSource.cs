namespace GradingEngine.Batch.Output;

/// <summary>Where a run finds last year's organisation levels other than a file: the results store.</summary>
internal interface ILastYearSource
{
    /// <summary>Last year's levels for this run (the province's complete run of the year before), or null when there is none.</summary>
    LastYearRows? Find(RunDescription run);
}

/// <summary>Last year's levels: where they come from (named in errors.csv and the summary) and (组织编号, 等级) rows.</summary>
internal sealed record LastYearRows(string Name, IEnumerable<(string Id, string Level)> Rows);
