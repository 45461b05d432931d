using System.Globalization;
using System.Text;
using GradingEngine.BackEnds;
using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.WhatIf;
using GradingEngine.Cli.Terminal;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using GradingEngine.Schemes;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Cli.Commands;

/// <summary><c>grading diff</c>: what a scheme change would do to a province.</summary>
internal static class DiffCommand
{
    public const string Help = """
        grading diff <old scheme> <new scheme> --data <folder> [--out <folder>] [options]

        What a scheme change would do before it is adopted: grades the province's data with the old and with the new
        organisation scheme (each a full run, with quotas and bottom rankings), compares every organisation, team and
        member, prints the level transition matrix per kind, and writes into the output folder:
          changes.csv       every subject whose level changes, with its region and the reason (items whose points
                            changed, a threshold, a flag, a quota that took or freed a slot)
          transitions.csv   the transition counts per kind and per region (市, 县)
          whatif.html       the same as one page to open or forward
        A scheme is an id (from --schemes, or the shipped schemes) or a scheme file (.json); a file may link or
        extend the schemes of --schemes or the shipped ones.

        Options:
          --data <folder>       the data files, as for grade (required)
          --out <folder>        where the comparison goes (default: <data>/whatif); not the data or schemes folder
          --schemes <folder>    the schemes ids are looked up in (default: the shipped schemes)
          --threads <n>         worker threads (default: every core)
          --engine <e>          plan | nrules (default: plan)
          --encoding <e>        auto | utf-8 | gb18030 (default: auto)
          --lang <l>            both | zh | en: the language of what is printed (default both)
          --quiet               print nothing but errors
        Exit codes: 0 compared · 1 a scheme or a file cannot be used, or the schemes grade different kinds · 2 wrong command line
        """;

    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "help", "h", "quiet" };

    public static int Run(IEnumerable<string> args, TextWriter output, TextWriter error)
    {
        var line = new CommandLine(args, Flags);
        if (line.Help)
        {
            output.WriteLine(Help);
            return Program.Ok;
        }

        var data = line.Text("data") ?? throw new UsageException("缺少 --data <folder> (the data folder is required)");
        var outFolder = line.Text("out") ?? Path.Combine(data, "whatif");
        var folder = line.Text("schemes");
        var threads = line.Integer("threads", Environment.ProcessorCount, 1, 1024);
        var engine = line.Choice("engine", GradingBackEnd.Plan, BatchCommands.EngineChoices);
        var encoding = line.Choice("encoding", (Encoding?)null, BatchCommands.EncodingChoices);
        var quiet = line.Flag("quiet");
        var language = line.Language();
        line.Finish(maxPositional: 2);
        output = LanguageWriter.For(output, language);
        error = LanguageWriter.For(error, language);
        if (line.Positional.Count != 2)
        {
            throw new UsageException("用法 (usage): grading diff <old scheme> <new scheme> --data <folder>");
        }

        var files = ProvinceFiles.InFolder(data);
        OutputGuard.Check(outFolder, folder is null ? files.All : files.All.Concat(Directory.GetFiles(folder, "*.json")));
        var before = Scheme(line.Positional[0], folder).WithBackEnd(engine);
        var after = Scheme(line.Positional[1], folder).WithBackEnd(engine);
        if (before.Subject != SubjectKind.Organisation || after.Subject != SubjectKind.Organisation)
        {
            var other = before.Subject != SubjectKind.Organisation ? before.Id : after.Id;
            error.WriteLine($"diff 比较两个党组织方案；“{other}”不是党组织方案 (diff compares two organisation schemes; '{other}' is not one)");
            return Program.InputProblems;
        }

        var options = new BatchOptions { Threads = threads, InputEncoding = encoding };
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var summary = SchemeComparison.Compare(new ProvinceGrader(before), new ProvinceGrader(after), files, outFolder, options, cancel.Token);
        if (!quiet)
        {
            Print(summary, output);
        }

        return Program.Ok;
    }

    /// <summary>A scheme by id from the catalogue, or a scheme file compiled beside the catalogue's schemes (it wins over one with its id).</summary>
    internal static GradingScheme Scheme(string idOrPath, string? folder)
    {
        if (!File.Exists(idOrPath))
        {
            var catalogue = ShippedSchemes.Load(folder);
            return catalogue.TryGet(idOrPath, out var scheme)
                ? scheme
                : throw new UsageException($"没有方案文件或方案“{idOrPath}” (no scheme file or scheme id '{idOrPath}'; ids: {string.Join(", ", catalogue.All.Select(s => s.Id))})");
        }

        var named = SchemeSource.FromFile(idOrPath);
        var others = folder is null
            ? SchemeCatalogue.ShippedSources().Select(p => SchemeSource.FromText(p.Key, p.Value))
            : SchemeCatalogue.SchemeFiles(folder).Where(f => Path.GetFullPath(f) != Path.GetFullPath(idOrPath)).Select(SchemeSource.FromFile);
        var outcomes = SchemeCatalogue.Compile([named, .. others], preferred: named);
        var problems = outcomes.SelectMany(o => o.Problems).ToList();
        if (outcomes[0].Scheme is not { } compiled || outcomes[0].Problems.Count > 0)
        {
            throw new SchemeLoadException(outcomes[0].Problems.Count > 0 ? outcomes[0].Problems : problems);
        }

        return compiled;
    }

    private static void Print(SchemeComparisonSummary summary, TextWriter output)
    {
        output.WriteLine($"原方案 {summary.Before} → 新方案 {summary.After} (scheme {summary.Before} → {summary.After})");
        foreach (var kind in summary.Kinds)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Kind}：比较 {kind.Compared:N0}，等级变化 {kind.Changed:N0}，总分变化 {kind.TotalChanged:N0} ({English(kind.Kind)}: {kind.Compared:N0} compared, {kind.Changed:N0} change level, {kind.TotalChanged:N0} change total)"));
            foreach (var t in kind.Transitions.Where(t => t.From != t.To))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Shown(t.From)}→{Shown(t.To)}: {t.Count:N0}"));
            }
        }

        output.WriteLine();
        foreach (var file in summary.Files)
        {
            output.WriteLine($"写入 {file} (written)");
        }
    }

    private static string English(string kind) => kind switch
    {
        "党组织" => "organisations",
        "领导班子" => "leadership teams",
        _ => "members",
    };

    private static string Shown(string level) => level.Length == 0 ? "未评定" : level;
}
