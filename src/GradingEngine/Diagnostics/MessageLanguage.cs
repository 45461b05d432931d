namespace GradingEngine.Diagnostics;

/// <summary>
/// The language a diagnostic's message is shown in. Messages are written in Chinese with an English gloss,
/// <c>中文 (english)</c>; <see cref="SchemeDiagnostic.Localized"/> keeps one of the two parts.
/// </summary>
public enum MessageLanguage
{
    /// <summary>Both: the Chinese message followed by its English gloss in parentheses, as written.</summary>
    Bilingual,

    /// <summary>The Chinese message only (<c>zh</c>).</summary>
    Chinese,

    /// <summary>The English gloss only (<c>en</c>).</summary>
    English,
}
