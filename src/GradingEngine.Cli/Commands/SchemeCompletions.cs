using System.CommandLine;
using System.CommandLine.Completions;
using GradingEngine.Schemes;

namespace GradingEngine.Cli.Commands;

/// <summary>Tab completion of scheme ids: those of the folder <c>--schemes</c> names when it is given, else the shipped ones.</summary>
internal static class SchemeCompletions
{
    /// <summary>A completion source of scheme ids (of organisation schemes only when <paramref name="organisationsOnly"/>).</summary>
    public static Func<CompletionContext, IEnumerable<CompletionItem>> Ids(Option<string>? schemes, bool organisationsOnly) => context =>
    {
        try
        {
            var folder = schemes is null ? null : context.ParseResult.GetValue(schemes);
            return ShippedSchemes.Load(folder).All
                .Where(s => !organisationsOnly || s.Subject == SubjectKind.Organisation)
                .Select(s => s.Id)
                .Distinct(StringComparer.Ordinal)
                .Where(id => id.StartsWith(context.WordToComplete, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(id => new CompletionItem(id))
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or Diagnostics.SchemeLoadException)
        {
            return []; // a folder that does not load completes nothing; validate says why
        }
    };

    /// <summary>Completes <paramref name="option"/> with scheme ids.</summary>
    public static Option<string> WithSchemeIds(this Option<string> option, Option<string>? schemes, bool organisationsOnly)
    {
        option.CompletionSources.Add(Ids(schemes, organisationsOnly));
        return option;
    }
}
