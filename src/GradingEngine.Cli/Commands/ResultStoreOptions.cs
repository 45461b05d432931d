using System.CommandLine;
using System.Globalization;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary>Where a run is recorded: a connection string and the year and province it is filed under.</summary>
internal sealed record StoreChoice(string ConnectionString, StoreOptions Options);

/// <summary>The results store options of grade and demo: <c>--store</c>, <c>--no-store</c>, <c>--year</c>, <c>--province</c>.</summary>
internal sealed class ResultStoreOptions
{
    public Option<string> Store { get; } = CommandOptions.Text("--store", "connection",
        "结果库：PostgreSQL 连接字符串（Host=…;Database=…;Username=…）或 SQLite 文件（Data Source=x.db）；默认：输出文件夹中的 results.db " +
        "(the results store: a PostgreSQL connection string or a SQLite file; default: results.db in the output folder)");

    public Option<bool> NoStore { get; } = CommandOptions.Flag("--no-store", "只写结果文件，不记入结果库 (write the result files only)");

    public Option<int?> Year { get; } = new("--year")
    {
        HelpName = "yyyy",
        Description = "评定的年份（默认：今年）；上年等级和升降取自结果库中上一年的完整评定，否则取自 last-year.csv " +
                      "(the year graded; default: this year; 上年等级 and 升降 come from the store's complete run of the year before, else from last-year.csv)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 9999)
            {
                return year;
            }

            result.AddError($"--year “{text}”不是年份 (not a year)");
            return null;
        },
    };

    public Option<string> Province { get; } = CommandOptions.Text("--province", "name",
        "结果库中记录本次评定所属的省（默认：党组织文件中的“省”） (the province the store files the run under; default: the organisations' 省)");

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(NoStore);
        command.Options.Add(Year);
        command.Options.Add(Province);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Store) is not null && result.GetValue(NoStore))
            {
                result.AddError("--store 与 --no-store 不能同时使用 (--store and --no-store together)");
            }
        });
    }

    /// <summary>Where the run is recorded: --store, else results.db in the output folder; null with --no-store.</summary>
    public StoreChoice? Read(ParseResult result, string outFolder)
    {
        if (result.GetValue(NoStore))
        {
            return null;
        }

        var options = new StoreOptions { Year = result.GetValue(Year), Province = result.GetValue(Province) };
        return new StoreChoice(result.GetValue(Store) ?? "Data Source=" + Path.Combine(outFolder, ResultStore.DefaultFileName), options);
    }
}
