using System.Text.Json;

namespace GradingEngine.Tests.Engine;

public class DependencyGraphTests
{
    [Test]
    public void RestoreGraph_ProjectsUnderSrc_HaveNoRoslyn()
    {
        var root = Golden.GoldenCases.RepositoryRoot;
        var assets = Directory.GetFiles(Path.Combine(root, "src"), "project.assets.json", SearchOption.AllDirectories);

        Assert.That(assets, Is.Not.Empty, "the src projects have been restored");
        foreach (var file in assets)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            Assert.That(libraries.Where(l => l.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)), Is.Empty, file);
        }
    }
}
