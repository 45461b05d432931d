using System.Text;
using GradingEngine.BackEnds;
using GradingEngine.Batch;
using GradingEngine.Diagnostics;
using GradingEngine.NRules;

namespace GradingEngine.Cli.Commands;

/// <summary>The values the choice options take (<c>--engine</c>, <c>--format</c>, <c>--encoding</c> …) and what each means.</summary>
internal static class Choices
{
    public static readonly IReadOnlyDictionary<string, GradingBackEnd> Engines = new Dictionary<string, GradingBackEnd>(StringComparer.Ordinal)
    {
        ["plan"] = GradingBackEnd.Plan,
        ["nrules"] = NRulesBackEnd.Instance,
    };

    public static readonly IReadOnlyDictionary<string, ResultFormats> Formats = new Dictionary<string, ResultFormats>(StringComparer.Ordinal)
    {
        ["csv"] = ResultFormats.Csv,
        ["jsonl"] = ResultFormats.JsonLines,
        ["both"] = ResultFormats.Csv | ResultFormats.JsonLines,
        ["xlsx"] = ResultFormats.Xlsx,
        ["csv+xlsx"] = ResultFormats.Csv | ResultFormats.Xlsx,
        ["all"] = ResultFormats.Csv | ResultFormats.JsonLines | ResultFormats.Xlsx,
    };

    /// <summary>The input files' encoding; null: detected (UTF-8 with or without BOM, else GB18030).</summary>
    public static readonly IReadOnlyDictionary<string, Encoding?> InputEncodings = new Dictionary<string, Encoding?>(StringComparer.Ordinal)
    {
        ["auto"] = null,
        ["utf-8"] = new UTF8Encoding(false),
        ["gb18030"] = Gb18030(),
        ["gbk"] = Gb18030(),
    };

    /// <summary>The CSV results' encoding; null: UTF-8 with a BOM.</summary>
    public static readonly IReadOnlyDictionary<string, Encoding?> OutputEncodings = new Dictionary<string, Encoding?>(StringComparer.Ordinal)
    {
        ["utf-8"] = null,
        ["gb18030"] = Gb18030(),
        ["gbk"] = Gb18030(),
    };

    public static readonly IReadOnlyDictionary<string, MessageLanguage> Languages = new Dictionary<string, MessageLanguage>(StringComparer.Ordinal)
    {
        ["both"] = MessageLanguage.Bilingual,
        ["zh"] = MessageLanguage.Chinese,
        ["en"] = MessageLanguage.English,
    };

    /// <summary>The meaning of a value that the option's validator accepted (in any case).</summary>
    public static T Of<T>(IReadOnlyDictionary<string, T> choices, string value) => choices[value.ToLowerInvariant()];

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
