using System.Data;
using System.Text;
using GradingEngine.Batch;
using GradingEngine.Batch.WhatIf;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>A province read from streams, text readers and data readers grades exactly as from its files.</summary>
public class ProvinceStreamsTests
{
    private static readonly SampleProvinceOptions Options = new() { Organisations = 300, Seed = 11, CorruptRowsPerFile = 3 };

    private static readonly string[] Results = ["organisations.csv", "teams.csv", "members.csv", "errors.csv"];

    private static ProvinceFiles Names { get; } = new("organisations.csv", "teams.csv", "members.csv");

    private static (string Data, SortedDictionary<string, byte[]> Expected) FromFiles()
    {
        var (data, _) = ProvinceFixture.Province(Options);
        var output = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(new ProvinceFiles(Path.Combine(data, "organisations.csv"), Path.Combine(data, "teams.csv"), Path.Combine(data, "members.csv")), output, new BatchOptions { Threads = 2 });
        return (data, Only(ProvinceFixture.Files(output)));
    }

    private static SortedDictionary<string, byte[]> Only(SortedDictionary<string, byte[]> files) =>
        new(files.Where(f => Results.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal);

    /// <summary>errors.csv names each input; a stream's name is the name it was asked for, a file's its path.</summary>
    private static string Errors(byte[] bytes, string data) =>
        Encoding.UTF8.GetString(bytes).Replace(Path.Combine(data, string.Empty), string.Empty, StringComparison.Ordinal);

    private static void AssertSameResults(SortedDictionary<string, byte[]> expected, string output, string data)
    {
        var actual = Only(ProvinceFixture.Files(output));
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        foreach (var name in expected.Keys.Where(n => n != "errors.csv"))
        {
            Assert.That(actual[name], Is.EqualTo(expected[name]), name);
        }

        Assert.That(Errors(actual["errors.csv"], data), Is.EqualTo(Errors(expected["errors.csv"], data)), "errors.csv");
    }

    [Test]
    public void ReadingStreams_SameResultsAsTheFiles()
    {
        var (data, expected) = FromFiles();
        var output = ProvinceFixture.NewOutputFolder();
        var opened = new List<string>();

        ProvinceFixture.Grader.Grade(Names, output, new BatchOptions { Threads = 2 }.ReadingStreams(name =>
        {
            opened.Add(name);
            return new MemoryStream(File.ReadAllBytes(Path.Combine(data, name)));
        }));

        AssertSameResults(expected, output, data);
        Assert.That(opened.Distinct(), Is.EquivalentTo(new[] { "organisations.csv", "teams.csv", "members.csv" }));
    }

    [Test]
    public void ReadingText_SameResultsAsTheFiles()
    {
        var (data, expected) = FromFiles();
        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(Names, output, new BatchOptions { Threads = 2 }.ReadingText(name => new StringReader(File.ReadAllText(Path.Combine(data, name)))));

        AssertSameResults(expected, output, data);
    }

    [Test]
    public void ReadingDataReaders_TablesOfTheFilesRows_SameGradesAsTheFiles()
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 300, Seed = 11 });
        var fromFiles = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data) with { LastYear = null }, fromFiles, new BatchOptions { Threads = 2 });
        var output = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(Names, output, new BatchOptions { Threads = 2 }.ReadingDataReaders(name => Table(Path.Combine(data, name)).CreateDataReader()));

        foreach (var name in new[] { "organisations.csv", "teams.csv", "members.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(output, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fromFiles, name))), name);
        }
    }

    [Test]
    public void ReadingStreams_TheCallbackReturnsNull_AClearError()
    {
        Assert.That(() => ProvinceFixture.Grader.Grade(Names, ProvinceFixture.NewOutputFolder(), new BatchOptions().ReadingStreams(_ => null!)),
            Throws.InstanceOf<BatchInputException>().With.Message.Contains("organisations.csv").Or.Message.Contains("members.csv"));
    }

    /// <summary>A CSV file as a table of text columns (an empty cell is NULL).</summary>
    private static DataTable Table(string path)
    {
        using var records = new ResultRecords(path);
        var table = new DataTable();
        foreach (var column in records.Header)
        {
            table.Columns.Add(column, typeof(string));
        }

        while (records.Next() is { } raw)
        {
            table.Rows.Add(ResultRecords.Split(raw).Select(c => c.Length == 0 ? (object)DBNull.Value : c).ToArray());
        }

        return table;
    }
}
