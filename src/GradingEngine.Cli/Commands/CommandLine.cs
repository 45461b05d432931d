namespace GradingEngine.Cli.Commands;

/// <summary>Thrown for a wrong command line; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Reads <c>--name value</c> options and positional arguments of one command.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var arg = list[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) && !(arg.StartsWith('-') && arg.Length == 2))
            {
                Positional.Add(arg);
                continue;
            }

            var name = arg.TrimStart('-');
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name))
            {
                if (i + 1 >= list.Count)
                {
                    throw new UsageException($"选项 --{name} 需要一个值 (option --{name} needs a value)");
                }

                value = list[++i];
            }

            _options[name] = value;
        }
    }

    public List<string> Positional { get; } = [];

    public bool Help => Flag("help") || Flag("h");

    public bool Flag(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>The option's value, or null when it is not given; a wrong command line when it is given empty.</summary>
    public string? Text(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value)
            ? throw new UsageException($"选项 --{name} 的值为空 (option --{name} is given an empty value)")
            : value;
    }

    /// <summary>The value of a flag that may carry one (<c>--name=value</c>); null when it is given bare or not at all.</summary>
    public string? FlagValue(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name) is { Length: > 0 } value ? value : null;
    }

    /// <summary>A date option (<c>yyyy-MM-dd</c>), or <paramref name="fallback"/> when it is not given.</summary>
    public DateOnly Date(string name, DateOnly fallback)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{name} 应为日期 yyyy-MM-dd，实为“{text}” (--{name} must be a date, yyyy-MM-dd)");
    }

    public int Integer(string name, int fallback, int min, int max)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} 应为 {min} 到 {max} 之间的整数，实为“{text}” (--{name} must be a whole number from {min} to {max})");
    }

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(name);
        if (text is null)
        {
            return fallback;
        }

        return choices.TryGetValue(text.ToLowerInvariant(), out var value)
            ? value
            : throw new UsageException($"--{name} 应为 {string.Join(" | ", choices.Keys)} 之一，实为“{text}” (--{name} must be one of {string.Join(", ", choices.Keys)})");
    }

    /// <summary>Fails on options the command did not ask for.</summary>
    /// <summary>The language of messages: <c>--lang both|zh|en</c> (default both, each message as <c>中文 (english)</c>).</summary>
    public Diagnostics.MessageLanguage Language() => Choice("lang", Diagnostics.MessageLanguage.Bilingual, Languages);

    private static readonly Dictionary<string, Diagnostics.MessageLanguage> Languages = new(StringComparer.Ordinal)
    {
        ["both"] = Diagnostics.MessageLanguage.Bilingual,
        ["zh"] = Diagnostics.MessageLanguage.Chinese,
        ["en"] = Diagnostics.MessageLanguage.English,
    };

    public void Finish(int maxPositional)
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"未知选项 (unknown option): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }

        if (Positional.Count > maxPositional)
        {
            throw new UsageException($"多余的参数 (unexpected argument): {string.Join(" ", Positional.Skip(maxPositional))}");
        }
    }
}
