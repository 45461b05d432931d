using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// Writes why a command line does not parse: each of System.CommandLine's errors in Chinese and in English (its own
/// zh-Hans messages, then the English ones in parentheses, where they differ; the tool's own messages are already
/// both), prefixed by the option it concerns when the message does not name it, then how to get the command's help.
/// </summary>
internal static partial class ParseErrors
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    public static void Write(Command root, IReadOnlyList<string> args, ParseResult result, TextWriter error)
    {
        var chinese = MessagesIn(Chinese, root, args);
        var english = MessagesIn(CultureInfo.InvariantCulture, root, args);
        var paired = chinese.Count == result.Errors.Count && english.Count == result.Errors.Count;
        for (var i = 0; i < result.Errors.Count; i++)
        {
            var message = paired
                ? chinese[i] == english[i] ? chinese[i] : $"{chinese[i]} ({english[i]})"
                : OneLine(result.Errors[i].Message);
            error.WriteLine(Named(result.Errors[i].SymbolResult, message));
        }

        var path = string.Join(' ', Path(result.CommandResult).Reverse());
        error.WriteLine($"运行 {path} --help 查看用法 (run '{path} --help' for usage)");
    }

    /// <summary>The errors' messages as System.CommandLine words them in <paramref name="culture"/>.</summary>
    private static List<string> MessagesIn(CultureInfo culture, Command root, IReadOnlyList<string> args)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return [.. root.Parse(args, GradingRootCommand.Parsing).Errors.Select(e => OneLine(e.Message))];
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The message with the option it concerns in front, unless it names it already.</summary>
    private static string Named(SymbolResult? symbol, string message)
    {
        var name = symbol switch
        {
            OptionResult option => option.Option.Name,
            ArgumentResult { Parent: OptionResult option } => option.Option.Name,
            _ => null,
        };
        return name is null || message.Contains(name, StringComparison.Ordinal) ? message : $"{name}: {message}";
    }

    /// <summary>grading, then the command's name, …: the command line's commands from the innermost out.</summary>
    private static IEnumerable<string> Path(CommandResult? command)
    {
        for (var at = command; at is not null; at = at.Parent as CommandResult)
        {
            yield return at.Command is RootCommand ? "grading" : at.Command.Name;
        }
    }

    private static string OneLine(string message) => LineBreaks().Replace(message.Trim(), " ");

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreaks();
}
