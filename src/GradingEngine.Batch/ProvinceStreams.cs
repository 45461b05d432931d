using System.Data;
using GradingEngine.Batch.Input;

namespace GradingEngine.Batch;

/// <summary>
/// A province read from what the caller opens instead of files: streams, text readers or data readers (a query of
/// their own database, an upload, an archive entry). The callback is given the names of the <see cref="ProvinceFiles"/>
/// passed to <see cref="ProvinceGrader.Grade"/> (e.g. <c>organisations.csv</c>, <c>teams.csv</c>, <c>members.csv</c>;
/// CSV unless a name ends in <c>.jsonl</c>) and may be called more than once for one name: each call returns a new
/// reader from the start. Rows get the same checks as a file's (a bad row is rejected with the name and its line,
/// never dropped); nothing is loaded whole.
/// </summary>
public static class ProvinceStreams
{
    /// <summary>Options that read each input from a stream of bytes (UTF-8, with or without BOM, or GB18030, as for files; <see cref="BatchOptions.InputEncoding"/> applies).</summary>
    public static BatchOptions ReadingStreams(this BatchOptions options, Func<string, Stream> open)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(open);
        return options with { Input = new StreamInput(open) };
    }

    /// <summary>Options that read each input from a text reader (already decoded text).</summary>
    public static BatchOptions ReadingText(this BatchOptions options, Func<string, TextReader> open)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(open);
        return options with { Input = new StreamInput(name => StreamInput.Utf8(open(name))), InputEncoding = new System.Text.UTF8Encoding(false) };
    }

    /// <summary>
    /// Options that read each input from a data reader whose columns are named like the files' (a NULL is an empty
    /// cell; numbers, dates and booleans as the files write them), read as CSV whatever the name. The reader is disposed of when read.
    /// </summary>
    public static BatchOptions ReadingDataReaders(this BatchOptions options, Func<string, IDataReader> open)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(open);
        return options with { Input = new StreamInput(name => StreamInput.Csv(open(name)), RecordFormat.Csv), InputEncoding = new System.Text.UTF8Encoding(false) };
    }
}
