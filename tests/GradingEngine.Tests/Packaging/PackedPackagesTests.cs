using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using GradingEngine.Grading;
using GradingEngine.NRules;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json.Linq;
using NRules;
using NRules.Fluent;

namespace GradingEngine.Tests.Packaging;

/// <summary>
/// SLOW (about a minute: restores and builds): the packages as a new user gets them. Packs every package into a
/// temporary folder, builds a fresh console project that references them by version from that folder only (and the
/// dependencies from this repository's NuGet source, with a package cache of its own), grades an organisation with its
/// team and members and one member through an NRules session, and installs the <c>grading</c> tool from the folder.
/// Packs what the test run has built (<c>--no-build</c>, same configuration). Left out with
/// <c>dotnet test --filter TestCategory!=Packaging</c>.
/// </summary>
[Category("Packaging")]
public class PackedPackagesTests
{
    private static readonly string[] Projects = ["src/GradingEngine/GradingEngine.csproj", "src/GradingEngine.NRules/GradingEngine.NRules.csproj", "src/GradingEngine.Batch/GradingEngine.Batch.csproj", "src/GradingEngine.Store/GradingEngine.Store.csproj", "src/GradingEngine.Cli/GradingEngine.Cli.csproj"];

    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(5);

    [Test]
    public void Packages_PackedIntoAFolder_AFreshConsoleAppAndTheToolGradeFromThemAlone()
    {
        var root = GoldenCases.RepositoryRoot;
        var version = typeof(SchemeCatalogue).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        var configuration = typeof(PackedPackagesTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var temp = Directory.CreateTempSubdirectory("grading-packages-").FullName;
        var timings = new StringBuilder();
        try
        {
            // 1. Pack every package into a folder of its own.
            var feed = Path.Combine(temp, "feed");
            foreach (var project in Projects)
            {
                Dotnet(timings, root, null, "pack", Path.Combine(root, project), "-c", configuration, "--no-build", "-o", feed, "--disable-build-servers", "-nologo");
            }

            CheckPackages(feed, version);

            // 2. A console project that knows the packages by version only, from that folder only.
            var cache = Path.Combine(temp, "nuget-packages");
            var app = Path.Combine(temp, "consumer");
            Directory.CreateDirectory(app);
            WriteNuGetConfig(root, app, feed);
            File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />"); // nothing of an enclosing folder's
            File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
            File.WriteAllText(Path.Combine(app, "consumer.csproj"), ConsumerProject.Replace("$VERSION", version, StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(app, "Program.cs"), ConsumerProgram);
            var input = Organisation();
            File.WriteAllText(Path.Combine(app, "organisation.json"), input.ToString());

            Dotnet(timings, app, cache, "build", "-c", "Release", "--disable-build-servers", "-nologo", "-p:NuGetAudit=false");
            var output = Dotnet(timings, app, cache, "bin/Release/net10.0/consumer.dll", "organisation.json");

            Assert.That(ReferencedVersions(Path.Combine(app, "obj", "project.assets.json")),
                Is.EquivalentTo(new[] { $"GradingEngine/{version}", $"GradingEngine.NRules/{version}", $"GradingEngine.Batch/{version}" }));
            Assert.That(Lines(output), Is.EqualTo(Expected(input)), output);

            // 3. The tool, installed from the folder alone: a tool package has no dependencies (and --add-source
            // cannot be combined with the consumer's source mapping).
            var tools = Path.Combine(temp, "tools");
            var install = Path.Combine(temp, "tool-install");
            Directory.CreateDirectory(install);
            var noSources = Path.Combine(install, "nuget.config");
            new XElement("configuration", new XElement("packageSources", new XElement("clear"))).Save(noSources);
            Dotnet(timings, install, cache, "tool", "install", "--tool-path", tools, "--configfile", noSources, "--add-source", feed, "GradingEngine.Cli", "--version", version);
            var grading = Path.Combine(tools, OperatingSystem.IsWindows() ? "grading.exe" : "grading");
            Assert.That(Run(timings, grading, temp, cache, "--version").Trim(), Does.StartWith(version));
            var demo = Path.Combine(temp, "demo");
            var summary = Run(timings, grading, temp, cache, "demo", "--out", demo);
            Assert.That(summary, Does.Contain("一类").And.Contain("按地区"));
            Assert.That(File.Exists(Path.Combine(demo, "results", "organisations.csv")));
        }
        finally
        {
            TestContext.Out.WriteLine(timings.ToString());
            try
            {
                Directory.Delete(temp, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is no failure.
            }
        }
    }

    /// <summary>An organisation of the golden cases' base input, with its team and three members of different levels.</summary>
    private static JObject Organisation()
    {
        var organisation = GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "org-sanfenlei.cases.json")).Cases[0].Input;
        var member = GoldenCases.Read(Path.Combine(GoldenCases.CasesFolder, "member-wudai.cases.json")).Cases[0].Input;
        organisation["id"] = "320102-0001";
        ((JObject)organisation["班子"]!)["id"] = "320102-0001-班子";
        organisation["党员"] = new JArray(new[] { 90, 75, 60 }.Select((score, i) =>
        {
            var m = (JObject)member.DeepClone();
            m["id"] = $"M{i + 1}";
            foreach (var rating in new[] { "学习提高", "创造佳绩", "服务群众", "遵纪守法", "弘扬正气" })
            {
                m[rating] = new JObject { ["自评"] = score, ["群众评"] = score, ["领导评"] = score };
            }

            return m;
        }));
        return organisation;
    }

    /// <summary>What the consumer must print: the same grading, done here with the code under test.</summary>
    private static List<string> Expected(JObject input)
    {
        var organisation = SchemeCatalogue.Shipped["org-sanfenlei"].Grade(input);
        var lines = new List<string> { $"organisation {organisation}" };
        lines.AddRange(organisation.Linked["班子"].Select(t => $"team {t}"));
        lines.AddRange(organisation.Linked["党员"].Select(m => $"member {m}"));
        var session = new RuleRepository().LoadScheme(SchemeCatalogue.Shipped["org-sanfenlei"]).Compile().CreateSession();
        var fact = session.InsertSubject(SchemeCatalogue.Shipped["member-wudai"], (JObject)input["党员"]![0]!);
        session.Fire();
        lines.Add($"nrules {fact.ToResult()}");
        Assert.That(lines[^1], Is.EqualTo("nrules " + organisation.Linked["党员"][0]), "NRules grades the member like the plan");
        lines.Add("batch member-wudai team-sihao");
        Assert.That(organisation.Linked["党员"].Select(m => m.Level!.Label).Distinct().Count(), Is.GreaterThan(1), "members of different levels");
        return lines;
    }

    private const string ConsumerProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="GradingEngine" Version="$VERSION" />
            <PackageReference Include="GradingEngine.NRules" Version="$VERSION" />
            <PackageReference Include="GradingEngine.Batch" Version="$VERSION" />
          </ItemGroup>
        </Project>
        """;

    private const string ConsumerProgram = """
        using System.Text;
        using GradingEngine.Grading;
        using GradingEngine.NRules;
        using Newtonsoft.Json.Linq;
        using NRules;
        using NRules.Fluent;

        Console.OutputEncoding = Encoding.UTF8;
        var input = JObject.Parse(File.ReadAllText(args[0]));

        // The shipped schemes, from the package alone.
        var organisation = SchemeCatalogue.Shipped["org-sanfenlei"].Grade(input);
        Console.WriteLine($"organisation {organisation}");
        foreach (var team in organisation.Linked["班子"]) Console.WriteLine($"team {team}");
        foreach (var member in organisation.Linked["党员"]) Console.WriteLine($"member {member}");

        // The first member again, through an NRules session.
        var session = new RuleRepository().LoadScheme(SchemeCatalogue.Shipped["org-sanfenlei"]).Compile().CreateSession();
        var fact = session.InsertSubject(SchemeCatalogue.Shipped["member-wudai"], (JObject)input["党员"]![0]!);
        session.Fire();
        Console.WriteLine($"nrules {fact.ToResult()}");

        // The province grader of the batch package finds the member and team schemes the organisation links.
        var grader = new GradingEngine.Batch.ProvinceGrader(SchemeCatalogue.Shipped["org-sanfenlei"]);
        Console.WriteLine($"batch {grader.MemberScheme.Id} {grader.TeamScheme.Id}");
        """;

    /// <summary>The folder of packages (for GradingEngine*) and this repository's own sources (for the dependencies).</summary>
    private static void WriteNuGetConfig(string root, string folder, string feed)
    {
        var sources = XDocument.Load(Path.Combine(root, "nuget.config")).Descendants("packageSources").Elements("add")
            .Select(e => (Key: (string)e.Attribute("key")!, Value: (string)e.Attribute("value")!))
            .ToList();
        Assert.That(sources, Is.Not.Empty, "nuget.config names a source");

        // Already restored for the solution: the dependencies come from there without a download when they can.
        var restored = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(restored))
        {
            sources.Insert(0, ("restored", restored));
        }

        var config = new XElement("configuration",
            new XElement("packageSources", new XElement("clear"),
                new XElement("add", new XAttribute("key", "packed"), new XAttribute("value", feed)),
                sources.Select(s => new XElement("add", new XAttribute("key", s.Key), new XAttribute("value", s.Value)))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "packed"),
                    new XElement("package", new XAttribute("pattern", "GradingEngine")),
                    new XElement("package", new XAttribute("pattern", "GradingEngine.*"))),
                sources.Select(s => new XElement("packageSource", new XAttribute("key", s.Key), new XElement("package", new XAttribute("pattern", "*"))))));
        config.Save(Path.Combine(folder, "nuget.config"));
    }

    /// <summary>Each package has its files, symbols, licence, readme, repository and version.</summary>
    private static void CheckPackages(string feed, string version)
    {
        foreach (var id in new[] { "GradingEngine", "GradingEngine.NRules", "GradingEngine.Batch", "GradingEngine.Store", "GradingEngine.Cli" })
        {
            var package = Path.Combine(feed, $"{id}.{version}.nupkg");
            Assert.That(File.Exists(package), $"{package} packed");
            Assert.That(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"{id}: symbols package");
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            var nuspec = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open());
            string? Field(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");

            Assert.That(Field("version"), Is.EqualTo(version), id);
            Assert.That(Field("license"), Is.EqualTo("MIT"), id);
            Assert.That(Field("readme"), Is.EqualTo("README.md"), id);
            Assert.That(Field("description"), Is.Not.Empty, id);
            Assert.That(Field("authors"), Is.Not.Empty, id);
            Assert.That((string?)repository.Attribute("url"), Is.EqualTo("https://github.com/gradingengine/gradingengine"), id);
            Assert.That(entries, Does.Contain("README.md"), id);
            if (id == "GradingEngine.Cli")
            {
                Assert.That(entries, Does.Contain("tools/net10.0/any/grading.dll").And.Contain("tools/net10.0/any/DotnetToolSettings.xml"), id);
            }
            else
            {
                Assert.That(entries, Does.Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml"), id);
            }
        }
    }

    /// <summary>The GradingEngine packages the consumer's restore resolved, as <c>id/version</c>.</summary>
    private static List<string> ReferencedVersions(string assetsFile) =>
        ((JObject)JObject.Parse(File.ReadAllText(assetsFile))["libraries"]!).Properties()
            .Select(p => p.Name)
            .Where(n => n.StartsWith("GradingEngine", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> Lines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    private static string Dotnet(StringBuilder timings, string folder, string? cache, params string[] args) =>
        Run(timings, DotnetHost(), folder, cache, args);

    /// <summary>Runs a command to its end, failing with its output when it fails or takes longer than the limit.</summary>
    private static string Run(StringBuilder timings, string program, string folder, string? cache, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host's MSBuild and test-platform settings are not the child's business.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (Path.IsPathRooted(DotnetHost()))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(DotnetHost()); // for the tool's launcher
        }
        if (cache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = cache; // never a package restored before this test
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandLimit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} took more than {CommandLimit.TotalMinutes} minutes");
        }

        // Output ends when the last process holding it ends: a build server left running would hold it.
        Assert.That(Task.WaitAll([output, error], TimeSpan.FromMinutes(1)), $"{Path.GetFileName(program)} {string.Join(' ', args)}: its output did not end");
        var text = output.Result + error.Result;
        timings.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds,6:0.0} s  {Path.GetFileName(program)} {string.Join(' ', args)}");
        Assert.That(process.ExitCode, Is.Zero, $"{Path.GetFileName(program)} {string.Join(' ', args)} in {folder}:\n{text}");
        return output.Result;
    }

    /// <summary>The dotnet executable running these tests.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";
}
