using System.Text;
using GradingEngine.Batch.Input;

namespace GradingEngine.Tests.Batch;

public class RecordReaderTests
{
    private const string InvalidUtf8 = "包含无效的 UTF-8 字节（文件可能混有 GBK/GB18030 编码的内容） (invalid UTF-8 bytes; part of the file may be GBK-encoded)";

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(false);
    private static readonly Encoding Utf8Bom = new UTF8Encoding(true);
    private static readonly Encoding Gb18030 = CodePages(54936);

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    // ---- Encodings ----

    [Test]
    public void Utf8WithBom_DetectedAndBomStrippedFromTheHeader()
    {
        using var reader = Csv(Bytes(Utf8Bom, "姓名,党龄\n张三,12\n"));
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(65001));
        Assert.That(reader.Header, Is.EqualTo(new[] { "姓名", "党龄" }));
        Assert.That(rows.Single().Fields, Is.EqualTo(new[] { "张三", "12" }));
        Assert.That(rows.Single().Line, Is.EqualTo(2));
    }

    [Test]
    public void Utf8WithoutBom_Detected()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "姓名,党龄\n张三,12\n李四,3\n"));
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(65001));
        Assert.That(rows.Select(r => r.Fields[0]), Is.EqualTo(new[] { "张三", "李四" }));
        Assert.That(rows.All(r => r.Error is null));
    }

    [Test]
    public void Gb18030WithoutBom_DetectedAndDecoded()
    {
        using var reader = Csv(Bytes(Gb18030, "姓名,支部\n张三,第一党支部\n𠀀,é\n"));
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(54936));
        Assert.That(reader.Header, Is.EqualTo(new[] { "姓名", "支部" }));
        Assert.That(rows.Select(r => r.Fields), Is.EqualTo(new[] { new[] { "张三", "第一党支部" }, new[] { "𠀀", "é" } }));
        Assert.That(rows.All(r => r.Error is null));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Utf16WithBom_Detected(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        using var reader = Csv(Bytes(encoding, "姓名,党龄\r\n张三,12\r\n"));
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.WebName, Is.EqualTo(bigEndian ? "utf-16BE" : "utf-16"));
        Assert.That(reader.Header, Is.EqualTo(new[] { "姓名", "党龄" }));
        Assert.That(rows.Single().Fields, Is.EqualTo(new[] { "张三", "12" }));
    }

    [Test]
    public void GivenEncoding_IsUsedAndABomStillStripped()
    {
        using var reader = Csv(Bytes(Utf8Bom, "a,b\n1,2\n"), new RecordFileOptions { Encoding = new UTF8Encoding(false, throwOnInvalidBytes: true) });
        var rows = ReadAll(reader);

        Assert.That(reader.Header, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(rows.Single().Fields, Is.EqualTo(new[] { "1", "2" }));
    }

    [Test]
    public void Utf8CharacterCutByTheDetectionSampleEdge_StillUtf8()
    {
        // A three-byte character straddles byte 65,536: the sample ends inside it.
        var text = "v\n" + string.Concat(Enumerable.Repeat("a\n", 32_760)) + new string('b', 12) + "\n" + "党\n";
        var bytes = Bytes(Utf8NoBom, text);
        Assert.That(bytes[65_535], Is.EqualTo(0xE5), "the sample cuts the character after its first byte");

        using var reader = Csv(bytes);
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(65001));
        Assert.That(rows[^1].Fields, Is.EqualTo(new[] { "党" }));
        Assert.That(rows.All(r => r.Error is null));
    }

    [TestCase(3, TestName = "Utf8FileWithOneGbkRow_InTheDetectionSample")]
    [TestCase(3000, TestName = "Utf8FileWithOneGbkRow_AfterTheDetectionSample")]
    public void Utf8FileWithOneGbkRow_ErrorOnThatRowOnly(int badRow)
    {
        var stream = new MemoryStream();
        Write(stream, Utf8NoBom, "序号,姓名,支部\n");
        for (var i = 1; i <= 3500; i++)
        {
            Write(stream, i == badRow ? Gb18030 : Utf8NoBom, $"{i},张三丰,第一党支部\n");
        }

        using var reader = Csv(stream.ToArray());
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(65001));
        Assert.That(rows, Has.Count.EqualTo(3500));
        var bad = rows.Where(r => r.Error is not null).ToList();
        Assert.That(bad, Has.Count.EqualTo(1));
        Assert.That(bad[0].Line, Is.EqualTo(badRow + 1));
        Assert.That(bad[0].Error, Is.EqualTo(new RecordError(badRow.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2, InvalidUtf8)));
        Assert.That(bad[0].Fields, Has.Length.EqualTo(3), "the fields are still there");
        Assert.That(rows[badRow].Fields, Is.EqualTo(new[] { (badRow + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "张三丰", "第一党支部" }));
        Assert.That(rows[badRow].Line, Is.EqualTo(badRow + 2));
    }

    [Test]
    public void InvalidUtf8_NeverThrows_ColumnOfFirstBadCharacter()
    {
        var bytes = Bytes(Utf8NoBom, "a,b\nxy,").Concat(new byte[] { 0xFF, 0xC3 }).Concat(Bytes(Utf8NoBom, "\n1,2\n")).Concat(new byte[] { 0xE5, 0x85 }).ToArray();
        using var reader = Csv(bytes, new RecordFileOptions { Encoding = Encoding.UTF8 });
        var rows = ReadAll(reader);

        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(4, InvalidUtf8)));
        Assert.That(rows[1].Error, Is.Null);
        Assert.That(rows[2].Error, Is.EqualTo(new RecordError(1, InvalidUtf8)), "a sequence cut by the end of the file; the bad bytes matter more than the field count");
    }

    // ---- CSV ----

    [Test]
    public void Quotes_EscapedQuotesCommasAndLineBreaks_LineNumbersStayRight()
    {
        const string text = "姓名,备注,分数\n" +
            "\"张,三\",\"他说\"\"好\"\"\",90\n" +
            "李四,\"第一行\n第二行\n第三行\",85\n" +
            "王五,\"\",\"\"\"\"\n" +
            "赵六,普通,70\n";
        using var reader = Csv(Bytes(Utf8NoBom, text));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Fields), Is.EqualTo(new[]
        {
            new[] { "张,三", "他说\"好\"", "90" },
            new[] { "李四", "第一行\n第二行\n第三行", "85" },
            new[] { "王五", "", "\"" },
            new[] { "赵六", "普通", "70" },
        }));
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 6, 7 }));
        Assert.That(rows.All(r => r.Error is null));
    }

    [Test]
    public void StrayQuotes_KeptAsText()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\nab\"c,5\"\",\"x\"y\"z\n"));
        var rows = ReadAll(reader);

        Assert.That(rows.Single().Fields, Is.EqualTo(new[] { "ab\"c", "5\"\"", "xy\"z" }));
        Assert.That(rows.Single().Error, Is.Null);
    }

    [Test]
    public void Crlf_AndQuotedCrlfKept()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b\r\n1,\"x\r\ny\"\r\n2,\r\n3,\"z\"\r\n"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Fields), Is.EqualTo(new[] { new[] { "1", "x\r\ny" }, new[] { "2", "" }, new[] { "3", "z" } }));
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 4, 5 }));
    }

    [Test]
    public void LoneCarriageReturn_IsText()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b\n1\r2,3\n"));
        Assert.That(ReadAll(reader).Single().Fields, Is.EqualTo(new[] { "1\r2", "3" }));
    }

    [Test]
    public void BlankLines_SkippedCountedAndLinesRight()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "\n\r\n 姓名 , 党龄 \n\n1,2\n\r\n\n3,4"));
        var rows = ReadAll(reader);

        Assert.That(reader.Header, Is.EqualTo(new[] { "姓名", "党龄" }), "header names are trimmed");
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 5, 8 }));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "3", "4" }), "the last record needs no line break");
        Assert.That(reader.BlankLines, Is.EqualTo(5));
    }

    [Test]
    public void FieldCountErrors_FieldsStillThere()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\n1,2\n1,2,3,4,5\n\"x\ny\",2,3\n"));
        var rows = ReadAll(reader);

        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(4, "字段数为 2，表头有 3 列 (2 fields; the header has 3)")));
        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "1", "2" }));
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(7, "字段数为 5，表头有 3 列 (5 fields; the header has 3)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "1", "2", "3", "4", "5" }));
        Assert.That(rows[1].Columns, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(rows[2].Error, Is.Null, "a field over two lines, the record well-formed");
        Assert.That(rows[2].Fields, Is.EqualTo(new[] { "x\ny", "2", "3" }));
        Assert.That(rows[2].Line, Is.EqualTo(4));
    }

    [Test]
    public void QuotedFieldOverLineBreaks_WrongFieldCount_TakenAsUnclosedAndEachLineReadOnItsOwn()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\n\"x\ny\",2,3,\"4\"\n1,2,3\n"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4 }));
        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(1,
            "引号未闭合：若跨行读下去，记录有 4 个字段，表头有 3 列 (unterminated quote: read across the line breaks, the record would have 4 fields; the header has 3)")));
        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "x" }), "the line alone, its quoted field running to the line's end");
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(8, "字段数为 4，表头有 3 列 (4 fields; the header has 3)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "y\"", "2", "3", "4" }));
        Assert.That(rows[2].Error, Is.Null);
        Assert.That(reader.Lines, Is.EqualTo(4));
        Assert.That(reader.ContinuationLines, Is.Zero);
    }

    [Test]
    public void UnterminatedQuote_OnTheLastLine_TheFieldTakesTheRest()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b\n1,2\n3,\"abc,\"\"d"));
        var rows = ReadAll(reader);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(3, "引号未闭合 (unterminated quote)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "3", "abc,\"d" }));
    }

    [Test]
    public void UnterminatedQuote_OverLineBreaksToTheEndOfFile_FirstLineReportedAndTheRestRead()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b\n1,2\n3,\"abc\ndef,\"\"g\n"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4 }));
        Assert.That(rows[0].Error, Is.Null);
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(3, "引号未闭合：直到文件末尾都没有闭合 (unterminated quote: not closed before the end of the file)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "3", "abc" }));
        Assert.That(rows[2].Fields, Is.EqualTo(new[] { "def", "g" }));
        Assert.That(rows[2].Error, Is.Null);
    }

    [Test]
    public void UnterminatedQuote_AfterAFieldOverTwoLines_EachLineReportedAtItsQuote()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\n\"x\ny\",\"z"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(1, "引号未闭合：直到文件末尾都没有闭合 (unterminated quote: not closed before the end of the file)")));
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(4, "引号未闭合 (unterminated quote)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "y\"", "z" }));
    }

    [TestCase(1 << 17, 1 << 14)]
    [TestCase(3, 8)]
    public void UnclosedQuoteOnOneRow_OnlyThatLineReported_EveryLaterRowRead(int readBytes, int decodeChars)
    {
        // One row opens a quote it never closes; later rows hold quoted fields of their own, whose quotes could pair with it.
        var text = new StringBuilder("编号,名称,分数\n");
        for (var i = 1; i <= 200; i++)
        {
            text.Append(i switch
            {
                50 => $"{i},\"第{i}党支部,80\n",
                _ when i % 7 == 0 => $"{i},\"第{i}党支部，含\"\"引号\"\"\",{i % 100}\n",
                _ => $"{i},第{i}党支部,{i % 100}\n",
            });
        }

        var options = new RecordFileOptions { ReadBytes = readBytes, DecodeChars = decodeChars, BlockRecords = 64 };
        using var reader = Csv(Bytes(Utf8NoBom, text.ToString()), options);
        var rows = ReadAll(reader);

        Assert.That(rows, Has.Count.EqualTo(200), "one record per line");
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(Enumerable.Range(2, 200).Select(l => (long)l)));
        var bad = rows.Where(r => r.Error is not null).ToList();
        Assert.That(bad.Select(r => r.Line), Is.EqualTo(new long[] { 51 }));
        Assert.That(bad[0].Error!.Value.Column, Is.EqualTo(4), "at the quote");
        Assert.That(bad[0].Error!.Value.Message, Does.StartWith("引号未闭合"));
        Assert.That(bad[0].Fields, Is.EqualTo(new[] { "50", "第50党支部,80" }));
        Assert.That(rows.Where(r => r.Error is null).Select(r => r.Fields[0]), Is.EqualTo(Enumerable.Range(1, 200).Where(i => i != 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(rows[55].Fields[1], Is.EqualTo("第56党支部，含\"引号\""));
        Assert.That(reader.Lines, Is.EqualTo(201));
        Assert.That(reader.HeaderLines + reader.BlankLines + rows.Count + reader.ContinuationLines, Is.EqualTo(reader.Lines));
    }

    [Test]
    public void QuotedFieldOverLineBreaks_ClosingQuoteFollowedByText_TakenAsUnclosed()
    {
        // Without the check the quote on line 2 would pair with the one on line 4: three fields, as the header has.
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\n1,\"x,y\n2,z,w\n3,\"v\",u\n"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4 }));
        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(3,
            "引号未闭合：第 4 行可作闭合的引号后还有文字 (unterminated quote: the quote that would close it, on line 4, is followed by text)")));
        Assert.That(rows[1].Fields, Is.EqualTo(new[] { "2", "z", "w" }));
        Assert.That(rows[2].Fields, Is.EqualTo(new[] { "3", "v", "u" }));
        Assert.That(rows.Skip(1).All(r => r.Error is null));
    }

    [Test]
    public void QuotedFieldOverMoreLinesThanTheLimit_TakenAsUnclosed()
    {
        var text = "a,b\n1,\"" + string.Concat(Enumerable.Repeat("x\n", 5)) + "\"\n2,\"y\nz\"\n";
        using var reader = Csv(Bytes(Utf8NoBom, text), new RecordFileOptions { MaxRecordLines = 5 });
        var rows = ReadAll(reader);

        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(3, "引号未闭合：若跨行读下去，记录超过 5 行 (unterminated quote: read across the line breaks, the record would span over 5 lines)")));
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4, 5, 6, 7, 8 }));
        Assert.That(rows[^1].Fields, Is.EqualTo(new[] { "2", "y\nz" }), "two lines are within the limit");
        Assert.That(rows[^1].Error, Is.Null);
    }

    [Test]
    public void Lines_EveryPhysicalLineAccountedFor()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "\na,b\r\n\n1,\"x\r\ny\nz\"\r\n\r\n2,3"));
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 4, 8 }));
        Assert.That(reader.Lines, Is.EqualTo(8));
        Assert.That(reader.HeaderLines, Is.EqualTo(1));
        Assert.That(reader.BlankLines, Is.EqualTo(3));
        Assert.That(reader.ContinuationLines, Is.EqualTo(2));
    }

    [TestCase(8, 1)]
    [TestCase(8, 3)]
    [TestCase(13, 5)]
    [TestCase(64, 64)]
    [TestCase(16384, 4096)]
    public void TooLongRecord_ReportedSkippedThenRecovery(int decodeChars, int blockRecords)
    {
        var longField = new string('长', 200);
        var text = "a,b\n" +
            "1,2\n" +
            $"{longField},x\n" +
            "3,4\n" +
            $"\"{longField}\n{longField}\",y\n" +
            "5,6\n" +
            $"7,\"{longField},\"\"\n\n" +
            "8,9\n" +
            "10,11";
        var options = new RecordFileOptions { MaxRecordChars = 100, DecodeChars = decodeChars, ReadBytes = 7, BlockRecords = blockRecords };
        using var reader = Csv(Bytes(Utf8NoBom, text), options);
        var rows = ReadAll(reader);

        // A line too long is reported alone, whatever its quotes: the next line is read on its own.
        Assert.That(rows.Select(r => r.Line), Is.EqualTo(new long[] { 2, 3, 4, 5, 6, 7, 8, 10, 11 }));
        var tooLong = new RecordError(0, "行过长（超过 100 个字符） (record too long: over 100 characters)");
        Assert.That(rows.Where(r => r.Error is not null).Select(r => (r.Line, r.Error)), Is.EqualTo(new[] { (3L, (RecordError?)tooLong), (5, tooLong), (6, tooLong), (8, tooLong) }));
        Assert.That(rows[1].Fields, Is.Empty);
        Assert.That(rows[2].Fields, Is.EqualTo(new[] { "3", "4" }));
        Assert.That(rows.Where(r => r.Error is null).Select(r => r.Fields[0]), Is.EqualTo(new[] { "1", "3", "5", "8", "10" }));
        Assert.That(reader.BlankLines, Is.EqualTo(1));
        Assert.That(reader.Lines, Is.EqualTo(11));
        Assert.That(reader.Position, Is.EqualTo(reader.Length));
    }

    [TestCase(16)]
    [TestCase(1 << 14)]
    public void TooLongRecord_UnterminatedQuote_FirstLineReportedThenEveryLineRead(int decodeChars)
    {
        var text = "a,b\n1,\"" + string.Concat(Enumerable.Repeat("x\n", 100)) + "2,3\n";
        using var reader = Csv(Bytes(Utf8NoBom, text), new RecordFileOptions { MaxRecordChars = 50, DecodeChars = decodeChars, MaxRecordLines = 1000 });
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Line), Is.EqualTo(Enumerable.Range(2, 101).Select(l => (long)l)));
        Assert.That(rows[0].Error, Is.EqualTo(new RecordError(3,
            "引号未闭合：若跨行读下去，记录超过 50 个字符 (unterminated quote: read across the line breaks, the record would be over 50 characters)")));
        Assert.That(rows[0].Fields, Is.EqualTo(new[] { "1", "x" }));
        Assert.That(rows.Skip(1).SkipLast(1).Select(r => r.Error?.Message), Is.All.EqualTo("字段数为 1，表头有 2 列 (1 fields; the header has 2)"));
        Assert.That(rows[^1].Fields, Is.EqualTo(new[] { "2", "3" }));
        Assert.That(rows[^1].Error, Is.Null);
    }

    [TestCase(1, 8)]
    [TestCase(2, 9)]
    [TestCase(3, 13)]
    [TestCase(7, 8)]
    [TestCase(5, 100)]
    public void TinyBuffers_RecordsAndCharactersSplitAcrossReads(int readBytes, int decodeChars)
    {
        const string text = "序号,姓名,备注\r\n1,张三,\"一,二\r\n三\"\r\n2,𠀀𠀁,\"\"\"引\"\"号\"\r\n\r\n3,李四,é末尾";
        var expected = new[]
        {
            (2L, new[] { "1", "张三", "一,二\r\n三" }),
            (4L, new[] { "2", "𠀀𠀁", "\"引\"号" }),
            (6L, new[] { "3", "李四", "é末尾" }),
        };
        foreach (var encoding in new[] { Utf8NoBom, Utf8Bom, Gb18030, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            for (var blockRecords = 1; blockRecords <= 4; blockRecords++)
            {
                var options = new RecordFileOptions { ReadBytes = readBytes, DecodeChars = decodeChars, BlockRecords = blockRecords };
                using var reader = Csv(Bytes(encoding, text), options);
                var rows = ReadAll(reader);

                var context = $"{encoding.WebName}, {blockRecords} records per block";
                Assert.That(reader.Header, Is.EqualTo(new[] { "序号", "姓名", "备注" }), context);
                Assert.That(rows.Select(r => (r.Line, r.Fields)), Is.EqualTo(expected), context);
                Assert.That(rows.All(r => r.Error is null), context);
                Assert.That(reader.Position, Is.EqualTo(reader.Length), context);
            }
        }
    }

    [Test]
    public void Blocks_SequencedAndRefilled_ColumnsAreTheHeader()
    {
        using var reader = Csv(Bytes(Utf8NoBom, "a,b\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},x\n"))), new RecordFileOptions { BlockRecords = 4 });
        var block = reader.NewBlock();
        var seen = new List<(long Sequence, int Count)>();
        while (reader.ReadBlock(block))
        {
            seen.Add((block.Sequence, block.Count));
            Assert.That(block.Columns, Is.EqualTo(new[] { "a", "b" }));
        }

        Assert.That(seen, Is.EqualTo(new[] { (0L, 4), (1L, 4), (2L, 2) }));
        Assert.That(block.Count, Is.Zero);
        Assert.That(reader.ReadBlock(block), Is.False);
    }

    [Test]
    public void FilledBlocks_KeepTheirRecordsWhileTheReaderFillsOthers()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"{i},\"名{i},\"\"甲\"\"\",{new string('x', i % 13)}").ToList();
        var options = new RecordFileOptions { BlockRecords = 3, DecodeChars = 40, ReadBytes = 11 };
        using var reader = Csv(Bytes(Utf8NoBom, "a,b,c\n" + string.Join("\n", lines)), options);
        var blocks = new List<RecordBlock>();
        for (var block = reader.NewBlock(); reader.ReadBlock(block); block = reader.NewBlock())
        {
            blocks.Add(block);
        }

        var read = blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => string.Join("|", Enumerable.Range(0, b.FieldCount(r)).Select(f => b.Field(r, f).ToString()))));
        Assert.That(read, Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"{i}|名{i},\"甲\"|{new string('x', i % 13)}")));
        Assert.That(blocks.Select(b => b.Sequence), Is.EqualTo(Enumerable.Range(0, blocks.Count).Select(i => (long)i)));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void EstimateRecords_FromTheFirstBlock_CloseToTheCount(bool jsonLines)
    {
        var text = new StringBuilder(jsonLines ? "" : "编号,姓名,分数\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(jsonLines ? $"{{\"编号\":\"M{i:D7}\",\"姓名\":\"张三{i % 10}\",\"分数\":{i % 100}}}\n" : $"M{i:D7},张三{i % 10},{i % 100}\n");
        }

        var format = jsonLines ? RecordFormat.JsonLines : RecordFormat.Csv;
        using var reader = RecordFileReader.Open(new MemoryStream(Bytes(Utf8NoBom, text.ToString())), "x", format, new RecordFileOptions { BlockRecords = 1000 });
        var block = reader.NewBlock();
        reader.ReadBlock(block);

        Assert.That(reader.EstimateRecords(block), Is.InRange(19_000, 21_000));
    }

    [Test]
    public void EmptyFile_NoHeaderNoRecords()
    {
        using var reader = Csv([]);
        Assert.That(reader.Header, Is.Empty);
        Assert.That(reader.ReadBlock(reader.NewBlock()), Is.False);
        Assert.That(reader.Length, Is.Zero);
    }

    [Test]
    public void Open_FormatByExtension_AndDisposeClosesTheFile()
    {
        var directory = Directory.CreateTempSubdirectory("records-");
        try
        {
            var csv = Path.Combine(directory.FullName, "成员.CSV");
            var jsonl = Path.Combine(directory.FullName, "成员.ndjson");
            File.WriteAllText(csv, "a\n1\n");
            File.WriteAllText(jsonl, "{\"a\":1}\n");
            using (var reader = RecordFileReader.Open(csv))
            {
                Assert.That(reader.Format, Is.EqualTo(RecordFormat.Csv));
                Assert.That(reader.Name, Is.EqualTo(csv));
                Assert.That(ReadAll(reader).Single().Fields, Is.EqualTo(new[] { "1" }));
            }

            using (var reader = RecordFileReader.Open(jsonl))
            {
                Assert.That(reader.Format, Is.EqualTo(RecordFormat.JsonLines));
                Assert.That(ReadAll(reader).Single().Fields, Is.EqualTo(new[] { "1" }));
            }

            File.Delete(csv); // the reader closed it
            Assert.That(() => RecordFileReader.Open(Path.Combine(directory.FullName, "x.txt")), Throws.ArgumentException);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // ---- JSON Lines ----

    [Test]
    public void JsonLines_ValuesNestingAndColumns()
    {
        const string text = "{\"姓名\":\"张\\\"三\\u0021\",\"党龄\":12.50,\"是否党员\":true,\"处分\":false,\"备注\":null,\"政治素质好测评\":{\"自评\":90,\"群众评\":-1e3}}\n" +
            "\n   \r\n" +
            "{\"党龄\":3,\"新列\":\"x\"}\r\n" +
            "{}";
        using var reader = JsonLines(text);
        var block = reader.NewBlock();
        Assert.That(reader.ReadBlock(block), Is.True);

        Assert.That(reader.Header, Is.Empty);
        Assert.That(block.Count, Is.EqualTo(3));
        Assert.That(block.Columns, Is.EqualTo(new[] { "姓名", "党龄", "是否党员", "处分", "备注", "政治素质好测评.自评", "政治素质好测评.群众评", "新列" }));
        var first = Row(block, 0);
        Assert.That(first.Fields, Is.EqualTo(new[] { "张\"三!", "12.50", "true", "false", "", "90", "-1e3" }));
        Assert.That(first.Columns, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6 }));
        Assert.That(Row(block, 1).Fields, Is.EqualTo(new[] { "3", "x" }));
        Assert.That(Row(block, 1).Columns, Is.EqualTo(new[] { 1, 7 }));
        Assert.That(Row(block, 1).Line, Is.EqualTo(4));
        Assert.That(block.FieldCount(2), Is.Zero);
        Assert.That(Enumerable.Range(0, 3).All(r => block.ErrorOf(r) is null));
        Assert.That(reader.BlankLines, Is.EqualTo(2));
    }

    [Test]
    public void JsonLines_ColumnsOfAnEarlierBlock_NeverChange()
    {
        using var reader = JsonLines("{\"a\":1}\n{\"b\":2}\n{\"a\":3}\n", new RecordFileOptions { BlockRecords = 1 });
        var first = reader.NewBlock();
        var second = reader.NewBlock();
        Assert.That(reader.ReadBlock(first) && reader.ReadBlock(second), Is.True);
        Assert.That(first.Columns, Is.EqualTo(new[] { "a" }));
        Assert.That(second.Columns, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(reader.ReadBlock(first), Is.True);
        Assert.That(second.Columns, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(ReferenceEquals(first.Columns, second.Columns), Is.True, "no new column: the same snapshot");
    }

    [Test]
    public void JsonLines_PropertiesInAnotherOrder_NestedAndEscapedNames()
    {
        const string text = "{\"a\":1,\"b\":{\"a\":2},\"c\":3}\n" +
            "{\"b\":{\"a\":4},\"a\":5,\"c\":6}\n" +
            "{\"\\u0061\":7,\"b\":{\"\\u0061\":8}}\n" +
            "{\"a\":{\"x\":1}}\n" +
            "{\"a\":9,\"a.x\":10}\n";
        using var reader = JsonLines(text);
        var rows = ReadAll(reader);

        Assert.That(rows.Select(r => r.Fields), Is.EqualTo(new[]
        {
            new[] { "1", "2", "3" }, new[] { "4", "5", "6" }, new[] { "7", "8" }, new[] { "1" }, new[] { "9", "10" },
        }));
        Assert.That(rows.Select(r => r.Columns), Is.EqualTo(new[]
        {
            new[] { 0, 1, 2 }, new[] { 1, 0, 2 }, new[] { 0, 1 }, new[] { 3 }, new[] { 0, 3 },
        }));
        var block = reader.NewBlock();
        using var again = JsonLines(text);
        again.ReadBlock(block);
        Assert.That(block.Columns, Is.EqualTo(new[] { "a", "b.a", "c", "a.x" }));
        Assert.That(rows.All(r => r.Error is null));
    }

    [TestCase("{\"a\":[1,2]}", 6, "不支持数组 (arrays are not supported)")]
    [TestCase("{\"a\":{\"b\":{\"c\":1}}}", 11, "对象嵌套超过一层 (objects nested more than one level deep are not supported)")]
    [TestCase("[1,2]", 1, "不是 JSON 对象 (not a JSON object)")]
    [TestCase("  \"text\"", 3, "不是 JSON 对象 (not a JSON object)")]
    [TestCase("{\"姓名\":\"张三\",\"a\":1,\"a\":2}", 18, "属性“a”重复 (duplicate property \"a\")")]
    public void JsonLines_StructuralErrors(string line, int column, string message)
    {
        using var reader = JsonLines("{\"ok\":1}\n" + line + "\n{\"ok\":2}\n");
        var rows = ReadAll(reader);

        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[1].Error, Is.EqualTo(new RecordError(column, message)));
        Assert.That(rows[1].Line, Is.EqualTo(2));
        Assert.That(rows[2].Fields, Is.EqualTo(new[] { "2" }));
        Assert.That(rows[2].Error, Is.Null);
    }

    [TestCase("{\"姓名\":\"张三\" \"a\":1}", 12)]
    [TestCase("{\"姓名\":\"张三\",}", 12)]
    [TestCase("{\"a\":tru}", 9)]
    [TestCase("{\"a\":\"unterminated}", 20)]
    [TestCase("{\"a\":01}", 7)]
    [TestCase("{\"a\":1} {\"b\":2}", 9)]
    public void JsonLines_InvalidJson_ErrorWithColumn(string line, int column)
    {
        using var reader = JsonLines(line + "\n{\"ok\":2}");
        var rows = ReadAll(reader);

        Assert.That(rows[0].Error?.Column, Is.EqualTo(column));
        Assert.That(rows[0].Error?.Message, Does.StartWith("JSON 格式错误 (invalid JSON: "));
        Assert.That(rows[1].Error, Is.Null);
    }

    [Test]
    public void JsonLines_InvalidUtf8AndTooLong()
    {
        var bytes = Bytes(Utf8NoBom, "{\"a\":\"x\"}\n{\"a\":\"").Concat(Bytes(Gb18030, "张")).Concat(Bytes(Utf8NoBom, "\"}\n{\"a\":\"" + new string('x', 200) + "\"}\n{\"a\":\"y\"}\n")).ToArray();
        var options = new RecordFileOptions { MaxRecordChars = 100, DecodeChars = 16, Encoding = Encoding.UTF8 };
        using var reader = RecordFileReader.Open(new MemoryStream(bytes), "t.jsonl", RecordFormat.JsonLines, options);
        var rows = ReadAll(reader);

        Assert.That(reader.Encoding.CodePage, Is.EqualTo(65001));
        Assert.That(rows.Select(r => r.Error?.Column), Is.EqualTo(new int?[] { null, 7, 0, null }));
        Assert.That(rows[1].Error?.Message, Is.EqualTo(InvalidUtf8));
        Assert.That(rows[2].Error?.Message, Does.StartWith("行过长"));
        Assert.That(rows[3].Fields, Is.EqualTo(new[] { "y" }));
        Assert.That(rows[3].Line, Is.EqualTo(4));
    }

    // ---- Differential: random CSV written by a reference writer reads back as written ----

    [Test]
    public void RandomCsv_ReadsBackAsWritten_AcrossBlockAndBufferSizes()
    {
        var random = new Random(20_261_121);
        Encoding[] encodings = [Utf8NoBom, Utf8Bom, Gb18030, Encoding.Unicode];
        (int Read, int Decode, int Block)[] sizes = [(1, 8, 1), (3, 9, 2), (7, 13, 7), (64, 33, 3), (1 << 17, 1 << 14, 4096), (5, 1 << 14, 64)];
        for (var file = 0; file < 120; file++)
        {
            var columns = random.Next(1, 7);
            var header = Enumerable.Range(0, columns).Select(c => $"列{c}").ToArray();
            var records = Enumerable.Range(0, random.Next(0, 40))
                .Select(_ => Enumerable.Range(0, columns).Select(_ => RandomField(random)).ToArray())
                .ToList();
            var (text, lines, blanks) = ReferenceWriter(random, header, records);
            var encoding = encodings[file % encodings.Length];
            var bytes = Bytes(encoding, text);
            foreach (var (read, decode, blockRecords) in sizes)
            {
                var options = new RecordFileOptions { ReadBytes = read, DecodeChars = decode, BlockRecords = blockRecords };
                using var reader = Csv(bytes, options);
                var rows = ReadAll(reader);

                var context = $"file {file} ({encoding.WebName}), read {read}, decode {decode}, block {blockRecords}:\n{text}";
                Assert.That(reader.Header, Is.EqualTo(header), context);
                Assert.That(rows.Select(r => r.Fields), Is.EqualTo(records), context);
                Assert.That(rows.Select(r => r.Line), Is.EqualTo(lines), context);
                Assert.That(rows.Where(r => r.Error is not null), Is.Empty, context);
                Assert.That(reader.BlankLines, Is.EqualTo(blanks), context);
            }
        }
    }

    private static string RandomField(Random random)
    {
        string[] pieces = ["a", "Z", "0", "9", " ", ",", "\"", "\n", "\r", "\r\n", "张", "党", "支部", "𠀀", "é", "\t", "\"\""];
        var length = random.Next(4) == 0 ? 0 : random.Next(1, 8);
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            // Mostly plain text, sometimes the characters that need quoting.
            text.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : pieces[random.Next(4) + 10]);
        }

        return text.ToString();
    }

    /// <summary>RFC 4180 as a simple writer does it; the lines each record starts on and the blank lines written.</summary>
    private static (string Text, List<long> Lines, int Blanks) ReferenceWriter(Random random, string[] header, List<string[]> records)
    {
        var text = new StringBuilder();
        var lines = new List<long>();
        var line = 1L;
        var blanks = 0;
        string Quote(string field) =>
            field.Length == 0 && header.Length == 1 || field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || random.Next(10) == 0
                ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : field;
        void Write(string[] fields, bool last)
        {
            var record = string.Join(",", fields.Select(Quote));
            text.Append(record);
            line += record.Count(c => c == '\n');
            if (!last || random.Next(2) == 0)
            {
                text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
                line++;
            }
        }

        Write(header, records.Count == 0);
        for (var i = 0; i < records.Count; i++)
        {
            while (random.Next(8) == 0 && text.Length > 0 && text[^1] == '\n')
            {
                text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
                line++;
                blanks++;
            }

            lines.Add(line);
            Write(records[i], i == records.Count - 1);
        }

        return (text.ToString(), lines, blanks);
    }

    [Test]
    public void RandomMessyCsv_ReadsAsAPlainStateMachineReadsIt_AcrossBufferSizes()
    {
        var random = new Random(7_300_451);
        string[] pieces = ["a", "张", "𠀀", ",", "\"", "\"\"", "\n", "\r", "\r\n", " "];
        (int Read, int Decode, int Block)[] sizes = [(1, 8, 1), (2, 11, 3), (1 << 17, 1 << 14, 4096)];
        for (var file = 0; file < 300; file++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = ReferenceRead(text, out var blanks);
            foreach (var (read, decode, blockRecords) in sizes)
            {
                var options = new RecordFileOptions { ReadBytes = read, DecodeChars = decode, BlockRecords = blockRecords };
                using var reader = Csv(Bytes(Utf8NoBom, text), options);
                var rows = ReadAll(reader);

                var context = $"file {file}, read {read}, decode {decode}, block {blockRecords}: {System.Text.Json.JsonSerializer.Serialize(text)}";
                Assert.That(reader.Header, Is.EqualTo(expected.Count == 0 ? [] : expected[0].Fields.Select(f => f.Trim()).ToArray()), context);
                var records = expected.Skip(1).ToList();
                Assert.That(rows.Select(r => r.Fields), Is.EqualTo(records.Select(r => r.Fields)), context);
                Assert.That(rows.Select(r => r.Line), Is.EqualTo(records.Select(r => r.Line)), context);
                var headerFields = expected.Count == 0 ? 0 : expected[0].Fields.Length;
                Assert.That(
                    rows.Select(r => r.Error is not null),
                    Is.EqualTo(records.Select(r => r.Unterminated || r.Cut || r.Fields.Length != headerFields)),
                    context);
                Assert.That(reader.BlankLines, Is.EqualTo(blanks), context);
                Assert.That(reader.Lines, Is.EqualTo(text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0)), context);
                Assert.That(reader.HeaderLines + reader.BlankLines + rows.Count + reader.ContinuationLines, Is.EqualTo(reader.Lines), context);
            }
        }
    }

    /// <summary>
    /// CSV as this reader means it, one character at a time: the records, the lines they start on, whether the file
    /// ended inside quotes, and whether the record was cut to its first line (a quoted field over line breaks in a
    /// record that is not well-formed: its quote taken as unclosed).
    /// </summary>
    private static List<(long Line, string[] Fields, bool Unterminated, bool Cut)> ReferenceRead(string text, out int blanks)
    {
        var records = new List<(long, string[], bool, bool)>();
        blanks = 0;
        var line = 1L;
        var i = 0;
        var headerFields = -1;
        while (i < text.Length)
        {
            var start = i;
            var (fields, next, unterminated, breaks, badClose) = ReferenceRecord(text, start, text.Length);
            var content = text.AsSpan(start, next - start).TrimEnd('\n');
            if (content.IsEmpty || content is "\r")
            {
                blanks++;
                line++;
                i = next;
                continue;
            }

            var cut = breaks > 0 && (unterminated || badClose || (headerFields >= 0 && fields.Length != headerFields));
            if (cut)
            {
                var lineFeed = text.IndexOf('\n', start);
                var lineEnd = lineFeed > start && text[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
                fields = ReferenceRecord(text[..lineEnd], start, lineEnd).Fields;
                next = lineFeed + 1;
            }

            records.Add((line, fields, unterminated && !cut, cut));
            headerFields = headerFields < 0 ? fields.Length : headerFields;
            line += text.AsSpan(start, next - start).Count('\n');
            i = next;
        }

        return records;
    }

    /// <summary>One record from <paramref name="start"/>, quotes allowed to run over line breaks.</summary>
    private static (string[] Fields, int Next, bool Unterminated, int Breaks, bool BadClose) ReferenceRecord(string text, int start, int end)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var state = 0; // 0 field start, 1 unquoted, 2 quoted, 3 quote in quoted
        var ended = false;
        var breaks = 0;
        var fieldBreaks = 0;
        var badClose = false;
        var i = start;
        while (i < end && !ended)
        {
            var c = text[i++];
            if (state == 3 && fieldBreaks > 0 && c is not ('"' or ',' or '\n') && !(c == '\r' && (i == end || text[i] == '\n')))
            {
                badClose = true; // a field over several lines whose closing quote is followed by text
            }

            switch (state, c)
            {
                case (0, '"'): state = 2; break;
                case (0 or 1 or 3, ','): fields.Add(field.ToString()); field.Clear(); state = 0; fieldBreaks = 0; break;
                case (0 or 1 or 3, '\n'): ended = true; break;
                case (0 or 1, _): field.Append(c); state = 1; break;
                case (2, '"'): state = 3; break;
                case (2, _): field.Append(c); break;
                case (3, '"'): field.Append('"'); state = 2; break;
                case (3, _): field.Append(c); state = 1; break;
            }

            if (c == '\n' && state == 2)
            {
                breaks++;
                fieldBreaks++;
            }
        }

        if (state == 1 && field.Length > 0 && field[^1] == '\r')
        {
            field.Length--;
        }

        fields.Add(field.ToString());
        return ([.. fields], i, state == 2 && !ended, breaks, badClose);
    }

    // ---- Allocations ----

    [TestCase(false, 65001)]
    [TestCase(false, 54936)]
    [TestCase(true, 65001)]
    public void ReadingAgainIntoTheSameBlock_AllocatesAlmostNothingPerRow(bool jsonLines, int codePage)
    {
        const int Rows = 10_000;
        var format = jsonLines ? RecordFormat.JsonLines : RecordFormat.Csv;
        var encoding = codePage == 65001 ? Utf8NoBom : Gb18030;
        var text = new StringBuilder(format == RecordFormat.Csv ? "序号,姓名,支部,得分,备注\n" : "");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(format == RecordFormat.Csv
                ? $"{i},张三{i % 10},第{i % 7}党支部,{i % 100}.5,\"说明,含逗号\"\"引号\"\"\"\n"
                : $"{{\"序号\":{i},\"姓名\":\"张三{i % 10}\",\"测评\":{{\"自评\":{i % 100}.5,\"群众评\":null}},\"备注\":\"说明\\\"引号\\\"\"}}\n");
        }

        var bytes = Bytes(encoding, text.ToString());
        var options = new RecordFileOptions { BlockRecords = 1000, Encoding = encoding };
        RecordBlock block;
        using (var first = RecordFileReader.Open(new MemoryStream(bytes), "x", format, options))
        {
            block = first.NewBlock();
            while (first.ReadBlock(block))
            {
            }
        }

        using var reader = RecordFileReader.Open(new MemoryStream(bytes), "x", format, options);
        var rows = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.ReadBlock(block))
        {
            rows += block.Count;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(rows, Is.EqualTo(Rows));
        Assert.That(allocated, Is.LessThan(Rows), $"{allocated} bytes for {Rows} rows");
    }

    // ---- Helpers ----

    private sealed record ReadRow(long Line, string[] Fields, int[] Columns, RecordError? Error);

    private static byte[] Bytes(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];

    private static void Write(Stream stream, Encoding encoding, string text)
    {
        var bytes = encoding.GetBytes(text);
        stream.Write(bytes);
    }

    private static RecordFileReader Csv(byte[] bytes, RecordFileOptions? options = null) =>
        RecordFileReader.Open(new MemoryStream(bytes), "test.csv", RecordFormat.Csv, options);

    private static RecordFileReader JsonLines(string text, RecordFileOptions? options = null) =>
        RecordFileReader.Open(new MemoryStream(Bytes(Utf8NoBom, text)), "test.jsonl", RecordFormat.JsonLines, options);

    private static ReadRow Row(RecordBlock block, int record) => new(
        block.LineOf(record),
        Enumerable.Range(0, block.FieldCount(record)).Select(f => block.Field(record, f).ToString()).ToArray(),
        Enumerable.Range(0, block.FieldCount(record)).Select(f => block.ColumnOf(record, f)).ToArray(),
        block.ErrorOf(record));

    private static List<ReadRow> ReadAll(RecordFileReader reader)
    {
        var rows = new List<ReadRow>();
        var block = reader.NewBlock();
        var sequence = 0L;
        while (reader.ReadBlock(block))
        {
            Assert.That(block.Sequence, Is.EqualTo(sequence++));
            for (var r = 0; r < block.Count; r++)
            {
                rows.Add(Row(block, r));
            }
        }

        return rows;
    }
}
