namespace GradingEngine.Expressions.Compilation;

/// <summary>
/// Builds a measure's message in compiled code: literal text and formatted values appended to one buffer per
/// thread, and one string made at the end. Numbers are written straight into the buffer, so a message costs the
/// message string and nothing else. Messages never nest (a template's parts are expressions, not templates), so a
/// single buffer per thread is enough.
/// </summary>
internal sealed class MessageBuilder
{
    [ThreadStatic]
    private static MessageBuilder? t_current;

    private char[] _chars = new char[256];
    private int _length;

    /// <summary>The calling thread's builder, emptied.</summary>
    public static MessageBuilder Start()
    {
        var builder = t_current ??= new MessageBuilder();
        builder._length = 0;
        return builder;
    }

    public MessageBuilder Text(string? text)
    {
        if (text is { Length: > 0 })
        {
            Ensure(text.Length);
            text.CopyTo(_chars.AsSpan(_length));
            _length += text.Length;
        }

        return this;
    }

    public MessageBuilder Number(double value)
    {
        Ensure(32);
        if (ValueFormatter.TryFormatNumber(value, _chars.AsSpan(_length), out var written))
        {
            _length += written;
            return this;
        }

        return Text(ValueFormatter.FormatNumber(value));
    }

    public MessageBuilder Boolean(bool value) => Text(ValueFormatter.FormatBoolean(value));

    public MessageBuilder Date(double dayNumber) => Text(ValueFormatter.FormatDate(dayNumber));

    public MessageBuilder Enumeration(double ordinal, IReadOnlyList<string> values) =>
        Text(ValueFormatter.FormatEnumeration(ordinal, values));

    /// <summary>The message.</summary>
    public string Finish() => new(_chars, 0, _length);

    private void Ensure(int more)
    {
        if (_length + more > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + more));
        }
    }
}
