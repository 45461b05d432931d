using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace GradingEngine.Cli.Commands;

/// <summary>
/// Makes the options and arguments the commands share, each checked by System.CommandLine as it parses (so that a
/// wrong value is a wrong command line, exit code 2, naming the option) with the tool's bilingual messages.
/// </summary>
internal static class CommandOptions
{
    /// <summary>A text option; given empty (or blank) it is a wrong command line.</summary>
    public static Option<string> Text(string name, string helpName, string description, bool required = false)
    {
        var option = new Option<string>(name) { HelpName = helpName, Description = description, Required = required };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            {
                result.AddError($"选项 {name} 的值为空 (option {name} is given an empty value)");
            }
        });
        return option;
    }

    /// <summary>An option given or not, with no value.</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/> (<c>_</c> may group digits: 300_000).</summary>
    public static Option<int> Integer(string name, string helpName, string description, int fallback, int min, int max) => new(name)
    {
        HelpName = helpName,
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} 应为 {min} 到 {max} 之间的整数，实为“{text}” ({name} must be a whole number from {min} to {max})");
            return fallback;
        },
    };

    /// <summary>One of <paramref name="values"/> (in any case); the help and completion list them.</summary>
    public static Option<string> Choice(string name, string description, string fallback, IEnumerable<string> values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, [.. values]);
        return option;
    }

    /// <summary>A date, <c>yyyy-MM-dd</c>; null when it is not given.</summary>
    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        HelpName = "yyyy-MM-dd",
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name} 应为日期 yyyy-MM-dd，实为“{text}” ({name} must be a date, yyyy-MM-dd)");
            return null;
        },
    };

    /// <summary>A positional argument; a token that looks like an option (<c>--colour</c>) is refused as an unknown option.</summary>
    public static Argument<T> Positional<T>(string name, string description, ArgumentArity arity)
    {
        var argument = new Argument<T>(name) { HelpName = name, Description = description, Arity = arity }; // HelpName: the help names it rather than listing its completions
        argument.Validators.Add(RefuseOptions);
        return argument;
    }

    private static void RefuseOptions(ArgumentResult result)
    {
        foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
        {
            result.AddError($"未知选项“{token.Value}” (unknown option '{token.Value}')");
        }
    }

    // The options several commands share.

    public static Option<string> Schemes() =>
        Text("--schemes", "folder", "从此文件夹加载方案，而不用内置方案 (load schemes from this folder instead of the shipped ones)");

    public static Option<string> Engine() =>
        Choice("--engine", "评定所用的后端：plan（默认，较快）或 nrules，结果相同 (the back end that grades: plan, the default and faster, or nrules; the same results)", "plan", Choices.Engines.Keys);

    public static Option<string> Language() =>
        Choice("--lang", "输出的语言：both 中英文（默认）、zh 中文、en 英文 (the language of messages: both, the default, zh or en)", "both", Choices.Languages.Keys);

    public static Option<bool> Quiet(string description) => Flag("--quiet", description);
}
