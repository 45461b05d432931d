using System.Text;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The encoding of the CSV results and <c>errors.csv</c>: UTF-8 (with a byte-order mark, which office software needs to
/// show Chinese) or GB18030 (no byte-order mark). GB18030 maps every Unicode scalar value (four-byte sequences beyond
/// GBK), so a result written in it decodes to exactly the text written in UTF-8.
/// </summary>
internal sealed class ResultEncoding
{
    private const int Gb18030CodePage = 54936;

    private ResultEncoding(Encoding rows, bool isUtf8)
    {
        Rows = rows;
        IsUtf8 = isUtf8;
    }

    /// <summary>UTF-8, the default.</summary>
    public static ResultEncoding Utf8 { get; } = new(new UTF8Encoding(false), true);

    /// <summary>
    /// The encoding rows are encoded with, no preamble. A lone surrogate (which the run never writes into a result: such
    /// cells are rejected, and errors.csv shows it as U+FFFD) becomes U+FFFD in both encodings, so they stay alike.
    /// </summary>
    public Encoding Rows { get; }

    /// <summary>Whether this is UTF-8.</summary>
    public bool IsUtf8 { get; }

    /// <summary>The encoding of the run's options (null: UTF-8).</summary>
    /// <exception cref="ArgumentException">Neither UTF-8 nor GB18030.</exception>
    public static ResultEncoding Of(Encoding? encoding) => encoding?.CodePage switch
    {
        null or 65001 => Utf8,
        Gb18030CodePage => new ResultEncoding(
            Encoding.GetEncoding(Gb18030CodePage, new EncoderReplacementFallback("\uFFFD"), DecoderFallback.ExceptionFallback), false),
        _ => throw new ArgumentException(
            $"结果文件只能以 UTF-8 或 GB18030 编码写出，不支持 {encoding.WebName} (CSV results are written in UTF-8 or GB18030, not {encoding.WebName})",
            nameof(encoding)),
    };

    /// <summary>The encoding for a text writer: UTF-8 with or without the byte-order mark; GB18030 never has one.</summary>
    public Encoding TextEncoding(bool byteOrderMark) => IsUtf8 ? new UTF8Encoding(byteOrderMark) : Rows;
}
