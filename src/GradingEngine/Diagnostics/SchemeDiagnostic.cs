namespace GradingEngine.Diagnostics;

/// <summary>One problem found while loading, checking or compiling a scheme.</summary>
/// <param name="Code">A stable code such as <c>GE1001</c>; see <see cref="DiagnosticCodes"/>.</param>
/// <param name="Message">What is wrong, naming the scheme's own ids and labels.</param>
/// <param name="Location">Where it is.</param>
/// <param name="Excerpt">For problems inside an expression: the expression with a caret line under the offending part.</param>
public sealed record SchemeDiagnostic(string Code, string Message, SourceLocation Location, string? Excerpt = null)
{
    /// <summary>What is wrong; a name or text quoted from the scheme is cut when it is very long.</summary>
    public string Message { get; init; } = Diagnostics.Excerpt.ShortenMessage(Message);

    /// <summary>
    /// The same diagnostic with its message in one language. Messages are written as <c>中文 (english gloss)</c>:
    /// <see cref="MessageLanguage.Chinese"/> keeps the Chinese part, <see cref="MessageLanguage.English"/> the gloss
    /// (without its parentheses), <see cref="MessageLanguage.Bilingual"/> both. A message not written that way is kept whole.
    /// </summary>
    /// <param name="language">The language to keep.</param>
    public SchemeDiagnostic Localized(MessageLanguage language) =>
        language == MessageLanguage.Bilingual ? this : this with { Message = BilingualText.In(Message, language) };

    /// <summary>Formats the diagnostic as <c>file(line,col): error CODE: message</c> followed by the excerpt, if any.</summary>
    public override string ToString()
    {
        var text = $"{Location}: error {Code}: {Message}";
        return Excerpt is null ? text : text + Environment.NewLine + Excerpt;
    }
}

/// <summary>Thrown when a scheme cannot be loaded; carries every problem found, not just the first.</summary>
public sealed class SchemeLoadException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public SchemeLoadException(IReadOnlyList<SchemeDiagnostic> diagnostics)
        : base(Describe(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<SchemeDiagnostic> Diagnostics { get; }

    private static string Describe(IReadOnlyList<SchemeDiagnostic> diagnostics)
    {
        var head = diagnostics.Count == 1 ? "The scheme has 1 problem:" : $"The scheme has {diagnostics.Count} problems:";
        return head + Environment.NewLine + string.Join(Environment.NewLine, diagnostics);
    }
}
