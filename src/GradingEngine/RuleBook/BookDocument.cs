namespace GradingEngine.RuleBook;

// A rule book laid out as a plain document — headings, paragraphs, lists and tables of text — that the Markdown and
// the HTML writers render the same way. Text is never markup: each writer escapes it.

/// <summary>A run of text, optionally a link to the rule book of another scheme (by its id).</summary>
internal sealed record Span(string Text, string? BookOf = null);

/// <summary>A line of text made of spans.</summary>
internal sealed record Line(IReadOnlyList<Span> Spans)
{
    public static implicit operator Line(string text) => new([new Span(text)]);

    /// <summary>The text without links.</summary>
    public override string ToString() => string.Concat(Spans.Select(s => s.Text));
}

/// <summary>A part of the document.</summary>
internal abstract record Block;

/// <summary>A heading; <see cref="Anchor"/> is the id other parts link to (ASCII).</summary>
internal sealed record Heading(int Level, string Text, string? Anchor = null) : Block;

/// <summary>A paragraph.</summary>
internal sealed record Paragraph(Line Text) : Block;

/// <summary>A bulleted list.</summary>
internal sealed record BulletList(IReadOnlyList<Line> Items) : Block;

/// <summary>A table; <see cref="Indents"/> (when given) indents each row's first cell, for a tree of items.</summary>
internal sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<Line>> Rows, IReadOnlyList<int>? Indents = null) : Block;

/// <summary>A rule book ready to be written.</summary>
/// <param name="SchemeId">The scheme's id (the book's file name without extension).</param>
/// <param name="Title">The title.</param>
/// <param name="Blocks">The parts, in order.</param>
internal sealed record BookDocument(string SchemeId, string Title, IReadOnlyList<Block> Blocks)
{
    /// <summary>The second-level headings with anchors: the table of contents.</summary>
    public IEnumerable<Heading> Contents => Blocks.OfType<Heading>().Where(h => h.Level == 2 && h.Anchor is not null);
}
