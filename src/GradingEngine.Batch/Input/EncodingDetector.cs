using System.Text;
using System.Text.Unicode;

namespace GradingEngine.Batch.Input;

/// <summary>Tells the encoding of a record file from its first bytes.</summary>
internal static class EncodingDetector
{
    /// <summary>How many bytes the detection looks at.</summary>
    public const int SampleBytes = 64 * 1024;

    /// <summary>The GB18030 code page (a superset of GBK and GB2312).</summary>
    public const int Gb18030CodePage = 54936;

    static EncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>UTF-8 that decodes bad bytes to U+FFFD instead of throwing.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>GB18030 that decodes bad bytes to U+FFFD instead of throwing.</summary>
    public static Encoding Gb18030 =>
        Encoding.GetEncoding(Gb18030CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));

    /// <summary>
    /// The encoding of a file starting with <paramref name="sample"/>: its byte order mark's (UTF-8, UTF-16 LE or BE);
    /// else UTF-8 when the sample is UTF-8 (a character cut by the sample's end is fine unless <paramref name="wholeFile"/>),
    /// or is mostly UTF-8 with a few bad sequences (a UTF-8 file with some GBK rows: those rows are reported);
    /// else GB18030.
    /// </summary>
    public static Encoding Detect(ReadOnlySpan<byte> sample, bool wholeFile)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8;
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: false);
        }

        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: false);
        }

        if (!wholeFile)
        {
            sample = sample[..(sample.Length - IncompleteTail(sample))];
        }

        if (System.Text.Unicode.Utf8.IsValid(sample))
        {
            return Utf8;
        }

        var (valid, invalid) = CountSequences(sample);
        return valid >= 4 * invalid ? Utf8 : Gb18030;
    }

    /// <summary>A copy of <paramref name="encoding"/> that decodes bad bytes to U+FFFD instead of throwing.</summary>
    public static Encoding Replacing(Encoding encoding)
    {
        if (encoding.DecoderFallback is DecoderReplacementFallback { DefaultString: "\uFFFD" })
        {
            return encoding;
        }

        var copy = (Encoding)encoding.Clone();
        copy.DecoderFallback = new DecoderReplacementFallback("\uFFFD");
        return copy;
    }

    /// <summary>How many bytes at the end start a UTF-8 sequence that the sample cuts short.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> sample)
    {
        for (var back = 1; back <= Math.Min(3, sample.Length); back++)
        {
            var b = sample[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: look further back for the lead
            }

            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }

    /// <summary>Counts well-formed multi-byte UTF-8 sequences and bad ones.</summary>
    private static (int Valid, int Invalid) CountSequences(ReadOnlySpan<byte> bytes)
    {
        var valid = 0;
        var invalid = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            var ascii = bytes[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii < 0)
            {
                break;
            }

            i += ascii;
            var length = SequenceLength(bytes[i..]);
            if (length > 0)
            {
                valid++;
                i += length;
            }
            else
            {
                invalid++;
                i++;
            }
        }

        return (valid, invalid);
    }

    /// <summary>The length of the well-formed multi-byte UTF-8 sequence that starts <paramref name="bytes"/>, or 0.</summary>
    private static int SequenceLength(ReadOnlySpan<byte> bytes)
    {
        var lead = bytes[0];
        var (length, low, high) = lead switch
        {
            >= 0xC2 and <= 0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            >= 0xE1 and <= 0xEC or 0xEE or 0xEF => (3, 0x80, 0xBF),
            0xED => (3, 0x80, 0x9F),
            0xF0 => (4, 0x90, 0xBF),
            >= 0xF1 and <= 0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => (0, 0, 0),
        };
        if (length == 0 || bytes.Length < length || bytes[1] < low || bytes[1] > high)
        {
            return 0;
        }

        for (var k = 2; k < length; k++)
        {
            if ((bytes[k] & 0xC0) != 0x80)
            {
                return 0;
            }
        }

        return length;
    }
}
