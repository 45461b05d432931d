using GradingEngine.Batch;

namespace GradingEngine.Tests.Batch;

/// <summary>A run never writes its results over, or beside, a file it reads: such an output folder is refused before anything is read.</summary>
public class OutputFolderGuardTests
{
    [Test]
    public void Grade_OutputFolderIsTheDataFolder_RefusedAndInputsUntouched()
    {
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        var before = ProvinceFixture.Files(data);

        var ex = Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), data));

        Assert.That(ex!.Message, Does.Contain(Path.GetFullPath(data)).And.Contain("organisations.csv"));
        ResultSets.AssertHolds(data, before, "the data folder byte for byte");
    }

    [Test]
    public void Grade_LastYearFileIsAnEarlierResultInTheOutputFolder_RefusedAndItIsKept()
    {
        var output = ResultSets.FolderWithOldSet();
        var files = ProvinceFiles.InFolder(ResultSets.NewData) with { LastYear = Path.Combine(output, "organisations.csv") };

        var ex = Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(files, output));

        Assert.That(ex!.InputFile, Is.EqualTo(files.LastYear));
        ResultSets.AssertHolds(output, ResultSets.Old, "last year's results untouched");
    }

    [Test]
    public void Grade_OutputFolderIsALinkToTheDataFolder_Refused()
    {
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        var before = ProvinceFixture.Files(data);
        var link = Path.Combine(ProvinceFixture.NewOutputFolder(), "results");
        ResultSets.Link(link, data, folder: true);

        Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), link));
        Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(link), data), "the data named through the link");

        ResultSets.AssertHolds(data, before, "the data folder byte for byte");
    }

    [Test]
    public void Grade_DataFileIsALinkIntoTheOutputFolder_Refused()
    {
        var output = ResultSets.FolderWithOldSet();
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        File.Delete(Path.Combine(data, "last-year.csv"));
        ResultSets.Link(Path.Combine(data, "last-year.csv"), Path.Combine(output, "organisations.csv"), folder: false);

        Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output));

        ResultSets.AssertHolds(output, ResultSets.Old, "the linked file untouched");
    }

    [Test]
    public void Grade_OutputFolderSpelledInAnotherCase_RefusedWhereTheFileSystemIgnoresCase()
    {
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        var otherCase = Path.Combine(Path.GetDirectoryName(data)!, Path.GetFileName(data).ToUpperInvariant());
        Assume.That(Directory.Exists(otherCase), "the file system of the temporary folder tells letter case apart");

        Assert.Throws<BatchOutputConflictException>(() => ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), otherCase));
    }

    [Test]
    public void Grade_OutputFolderInsideTheDataFolder_Grades()
    {
        var data = ResultSets.CopyOfData(ResultSets.NewData);
        var expected = ResultSets.Reference(data, ResultFormats.Csv);

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), Path.Combine(data, "results"), new BatchOptions { Threads = 2 });

        ResultSets.AssertHolds(Path.Combine(data, "results"), expected, "the default results folder");
    }
}
