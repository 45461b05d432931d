using GradingEngine.Diagnostics;
using GradingEngine.Schemes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Grading.Cases;

/// <summary>
/// A file of golden cases for one scheme, <c>cases/&lt;scheme-id&gt;.cases.json</c> beside the schemes:
/// <c>{ "scheme": id, "date": "yyyy-MM-dd"?, "baseInput": {…}?, "cases": [ { "name", "note"?, "input", "expect" } ] }</c>.
/// Read with <see cref="Read"/>, run with <see cref="SchemeCaseRunner"/>. Immutable.
/// </summary>
public sealed class SchemeCaseFile
{
    private static readonly string[] FileKeys = ["$schema", "$comment", "scheme", "date", "baseInput", "cases"];
    private static readonly string[] CaseKeys = ["$comment", "name", "note", "input", "expect"];

    private SchemeCaseFile(string path, string schemeId, DateOnly? date, IReadOnlyList<SchemeCase> cases, SourceLocation schemeLocation)
    {
        Path = path;
        SchemeId = schemeId;
        Date = date;
        Cases = cases;
        SchemeLocation = schemeLocation;
    }

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    /// <summary>The id of the scheme its cases grade with (<c>"scheme"</c>).</summary>
    public string SchemeId { get; }

    /// <summary>
    /// The grading date of its cases (<c>"date"</c>): it picks the version of the scheme, and of the schemes it links,
    /// in force on that day. Needed only when the scheme has several versions.
    /// </summary>
    public DateOnly? Date { get; }

    /// <summary>The cases, in file order, each with the file's <c>baseInput</c> under its own <c>input</c>.</summary>
    public IReadOnlyList<SchemeCase> Cases { get; }

    /// <summary>Where the file names its scheme, for messages.</summary>
    public SourceLocation SchemeLocation { get; }

    /// <summary>The case files beside the schemes of a folder: <c>&lt;folder&gt;/cases/*.cases.json</c>, in name order.</summary>
    public static IReadOnlyList<string> FilesBeside(string schemeFolder)
    {
        ArgumentNullException.ThrowIfNull(schemeFolder);
        var folder = System.IO.Path.Combine(schemeFolder, "cases");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.cases.json").Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Reads a case file.</summary>
    /// <exception cref="SchemeCaseFileException">The file is not a well-formed case file: every problem, with line and column.</exception>
    public static SchemeCaseFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a case file's text; <paramref name="path"/> names it in messages.</summary>
    /// <exception cref="SchemeCaseFileException">The text is not a well-formed case file: every problem, with line and column.</exception>
    public static SchemeCaseFile Parse(string json, string path)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<SchemeDiagnostic>();
        JObject root;
        try
        {
            root = JObject.Parse(json, new JsonLoadSettings
            {
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
                LineInfoHandling = LineInfoHandling.Load,
            });
        }
        catch (JsonReaderException e)
        {
            throw new SchemeCaseFileException([new SchemeDiagnostic(DiagnosticCodes.CaseFileFormat,
                $"JSON 格式错误 (invalid JSON): {e.Message}", new SourceLocation(path, e.LineNumber, e.LinePosition, e.Path ?? string.Empty))]);
        }

        void Problem(JToken at, string message) => problems.Add(new SchemeDiagnostic(DiagnosticCodes.CaseFileFormat, message, Where(path, at)));

        UnknownProperties(root, FileKeys, "用例文件", Problem);
        var schemeId = root["scheme"] is JValue { Type: JTokenType.String } s ? (string)s! : null;
        if (schemeId is null)
        {
            Problem(root["scheme"] ?? root, "缺少方案 id：\"scheme\" 应为字符串 (missing 'scheme', the scheme's id)");
        }

        DateOnly? date = null;
        if (root["date"] is { } dateToken)
        {
            if (dateToken is JValue { Type: JTokenType.String } d && EffectivePeriod.TryParse((string)d!, out var parsed))
            {
                date = parsed;
            }
            else
            {
                Problem(dateToken, "date 应为日期 yyyy-MM-dd (date must be a date, yyyy-MM-dd)");
            }
        }

        var baseInput = root["baseInput"] switch
        {
            null => new JObject(),
            JObject o => o,
            var other => Fail(other, "baseInput 应为对象 (must be an object)"),
        };
        JObject Fail(JToken at, string message)
        {
            Problem(at, message);
            return new JObject();
        }

        var cases = new List<SchemeCase>();
        if (root["cases"] is not JArray array)
        {
            Problem(root["cases"] ?? root, "缺少 cases 数组 (missing 'cases' array)");
            array = [];
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in array)
        {
            if (token is not JObject c)
            {
                Problem(token, "用例应为对象 (a case must be an object)");
                continue;
            }

            UnknownProperties(c, CaseKeys, "用例", Problem);
            var name = c["name"] is JValue { Type: JTokenType.String } n ? (string)n! : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                Problem(c["name"] ?? c, "用例缺少 name (missing 'name')");
                continue;
            }

            var line = ((IJsonLineInfo)c).LineNumber;
            if (!names.TryAdd(name, line))
            {
                Problem(c["name"]!, $"用例名称“{name}”重复，首次出现在第 {names[name]} 行 (duplicate case name)");
            }

            var input = c["input"] as JObject;
            var expect = c["expect"] as JObject;
            if (input is null)
            {
                Problem(c["input"] ?? c, $"用例“{name}”缺少 input 对象 (missing 'input' object)");
            }

            if (expect is null)
            {
                Problem(c["expect"] ?? c, $"用例“{name}”缺少 expect 对象 (missing 'expect' object)");
            }

            if (input is null || expect is null)
            {
                continue;
            }

            // DeepClone keeps each token's line and column, so problems with the merged input point into the file.
            var merged = (JObject)baseInput.DeepClone();
            foreach (var property in input.Properties())
            {
                merged[property.Name] = property.Value.DeepClone();
            }

            cases.Add(new SchemeCase(schemeId ?? "?", name, c["note"]?.Type == JTokenType.String ? (string?)c["note"] : null, merged, expect, path, Where(path, c)));
        }

        if (problems.Count > 0)
        {
            throw new SchemeCaseFileException(problems);
        }

        return new SchemeCaseFile(path, schemeId!, date, cases, Where(path, root["scheme"]!));
    }

    /// <summary>Where a token of a case file is: its line, column and JSON path.</summary>
    internal static SourceLocation Where(string path, JToken token)
    {
        var info = (IJsonLineInfo)token;
        return new SourceLocation(path, info.HasLineInfo() ? info.LineNumber : 0, info.HasLineInfo() ? info.LinePosition : 0, token.Path);
    }

    private static void UnknownProperties(JObject o, string[] allowed, string what, Action<JToken, string> problem)
    {
        foreach (var property in o.Properties().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            problem(property, $"{what}中有未知属性“{property.Name}”，可用：{string.Join("、", allowed.Skip(1))} (unknown property '{property.Name}')");
        }
    }
}

/// <summary>One golden case: a subject's input and what its grade must be.</summary>
/// <param name="SchemeId">The scheme it grades with.</param>
/// <param name="Name">Its name, unique within its file.</param>
/// <param name="Note">How the expectations were worked out, when given.</param>
/// <param name="Input">The subject's input: the file's <c>baseInput</c> with the case's own <c>input</c> over it.</param>
/// <param name="Expect">The expectations; only those given are checked (see <see cref="SchemeCaseRunner"/>).</param>
/// <param name="File">The case file.</param>
/// <param name="Location">Where the case starts in its file.</param>
public sealed record SchemeCase(string SchemeId, string Name, string? Note, JObject Input, JObject Expect, string File, SourceLocation Location)
{
    /// <inheritdoc />
    public override string ToString() => $"{SchemeId}：{Name}";
}

/// <summary>A case file is not well-formed; every problem is listed with its line and column.</summary>
public sealed class SchemeCaseFileException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public SchemeCaseFileException(IReadOnlyList<SchemeDiagnostic> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<SchemeDiagnostic> Problems { get; }
}
