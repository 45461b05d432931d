using System.CommandLine;
using System.Globalization;
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
internal sealed class DiffCommand : GradingCommand
{
    private readonly Argument<string> _old = CommandOptions.Positional<string>("old scheme", "原方案：方案 id 或方案文件 (the old scheme: an id or a scheme file)", ArgumentArity.ExactlyOne);
    private readonly Argument<string> _new = CommandOptions.Positional<string>("new scheme", "新方案：方案 id 或方案文件 (the new scheme: an id or a scheme file)", ArgumentArity.ExactlyOne);
    private readonly Option<string> _data = CommandOptions.Text("--data", "folder", "数据文件，同 grade（必需） (the data files, as for grade; required)", required: true);
    private readonly Option<string> _out = CommandOptions.Text("--out", "folder",
        "比较结果写到哪里（默认：<data>/whatif）；不能是数据或方案文件夹 (where the comparison goes; default: <data>/whatif; not the data or schemes folder)");

    private readonly Option<string> _schemes = CommandOptions.Text("--schemes", "folder",
        "在此文件夹中查找方案 id（默认：内置方案） (the schemes ids are looked up in; default: the shipped schemes)");

    private readonly Option<int> _threads = CommandOptions.Integer("--threads", "n", "工作线程数（默认：每个核一个） (worker threads; default: every core)", Environment.ProcessorCount, 1, 1024);
    private readonly Option<string> _engine = CommandOptions.Engine();
    private readonly Option<string> _encoding = CommandOptions.Choice("--encoding", "输入文件的编码（默认：auto） (the input files' encoding; default: auto)", "auto", Choices.InputEncodings.Keys);
    private readonly Option<string> _lang = CommandOptions.Language();
    private readonly Option<bool> _quiet = CommandOptions.Quiet("只输出错误 (print nothing but errors)");

    public DiffCommand()
        : base("diff", "方案修改会对一个省产生什么影响 (what a scheme change would do to a province)")
    {
        _old.CompletionSources.Add(SchemeCompletions.Ids(_schemes, organisationsOnly: true));
        _new.CompletionSources.Add(SchemeCompletions.Ids(_schemes, organisationsOnly: true));
        Arguments.Add(_old);
        Arguments.Add(_new);
        Options.Add(_data);
        Options.Add(_out);
        Options.Add(_schemes);
        Options.Add(_threads);
        Options.Add(_engine);
        Options.Add(_encoding);
        Options.Add(_lang);
        Options.Add(_quiet);
    }

    public override string Notes => """
        What a scheme change would do before it is adopted: grades the province's data with the old and with the new
        organisation scheme (each a full run, with quotas and bottom rankings), compares every organisation, team and
        member, prints the level transition matrix per kind, and writes into the output folder:
          changes.csv       every subject whose level changes, with its region and the reason (items whose points
                            changed, a threshold, a flag, a quota that took or freed a slot)
          transitions.csv   the transition counts per kind and per region (市, 县)
          whatif.html       the same as one page to open or forward
        A scheme is an id (from --schemes, or the shipped schemes) or a scheme file (.json); a file may link or
        extend the schemes of --schemes or the shipped ones.

        Exit codes: 0 compared · 1 a scheme or a file cannot be used, or the schemes grade different kinds · 2 wrong command line
        """;

    protected override int Run(ParseResult result, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var data = result.GetValue(_data)!;
        var outFolder = result.GetValue(_out) ?? Path.Combine(data, "whatif");
        var folder = result.GetValue(_schemes);
        var threads = result.GetValue(_threads);
        var engine = Choices.Of(Choices.Engines, result.GetValue(_engine)!);
        var encoding = Choices.Of(Choices.InputEncodings, result.GetValue(_encoding)!);
        var quiet = result.GetValue(_quiet);
        var language = Choices.Of(Choices.Languages, result.GetValue(_lang)!);
        output = LanguageWriter.For(output, language);
        error = LanguageWriter.For(error, language);

        var files = ProvinceFiles.InFolder(data);
        OutputGuard.Check(outFolder, folder is null ? files.All : files.All.Concat(Directory.GetFiles(folder, "*.json")));
        var before = Scheme(result.GetValue(_old)!, folder).WithBackEnd(engine);
        var after = Scheme(result.GetValue(_new)!, folder).WithBackEnd(engine);
        if (before.Subject != SubjectKind.Organisation || after.Subject != SubjectKind.Organisation)
        {
            var other = before.Subject != SubjectKind.Organisation ? before.Id : after.Id;
            error.WriteLine($"diff 比较两个党组织方案；“{other}”不是党组织方案 (diff compares two organisation schemes; '{other}' is not one)");
            return Program.InputProblems;
        }

        var options = new BatchOptions { Threads = threads, InputEncoding = encoding };
        using var cancel = new CtrlC(cancellation);
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
