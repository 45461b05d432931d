using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GradingEngine.Diagnostics;
using GradingEngine.Grading;
using SchemeSource = GradingEngine.Schemes.Json.SchemeSource;
using GradingEngine.Tests.Engine;
using GradingEngine.Tests.Golden;
using Json.Schema;

namespace GradingEngine.Tests.Schemes;

/// <summary>
/// <c>schemes/scheme.schema.json</c> and <c>schemes/cases.schema.json</c>: every shipped scheme and case file
/// validates, every structural problem the loader reports (unknown property, missing property, wrong JSON type,
/// invalid word, value out of range) the schema reports too, and the library embeds the very file.
/// </summary>
public partial class JsonSchemaTests
{
    private static readonly Lazy<JsonSchema> SchemeSchema = new(() => Load("scheme.schema.json"));
    private static readonly Lazy<JsonSchema> CasesSchema = new(() => Load("cases.schema.json"));

    /// <summary>Scheme files are JSON with comments; the loader allows them, and so does the check here.</summary>
    private static readonly JsonDocumentOptions Comments = new() { CommentHandling = JsonCommentHandling.Skip };

    private static IEnumerable<string> ShippedSchemeFiles() => SchemeCatalogue.SchemeFiles(GoldenCases.SchemesFolder).Select(Path.GetFileName)!;

    private static IEnumerable<string> CaseFiles() => GoldenCases.CaseFilePaths().Select(Path.GetFileName)!;

    [TestCaseSource(nameof(ShippedSchemeFiles))]
    public void ShippedScheme_ValidatesAgainstTheSchema(string file)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCases.SchemesFolder, file));

        Assert.That(Errors(SchemeSchema.Value, text), Is.Empty);
        Assert.That(JsonNode.Parse(text, documentOptions: Comments)!["$schema"]!.GetValue<string>(), Is.EqualTo("./scheme.schema.json"));
    }

    [TestCaseSource(nameof(CaseFiles))]
    public void CaseFile_ValidatesAgainstTheCasesSchema(string file)
    {
        var text = File.ReadAllText(Path.Combine(GoldenCases.CasesFolder, file));

        Assert.That(Errors(CasesSchema.Value, text), Is.Empty);
        Assert.That(JsonNode.Parse(text)!["$schema"]!.GetValue<string>(), Is.EqualTo("../cases.schema.json"));
    }

    [Test]
    public void ExampleScheme_WithComments_ValidatesAgainstTheSchema()
    {
        Assert.That(Errors(SchemeSchema.Value, ExampleScheme.Text), Is.Empty);
    }

    [Test]
    public void EmbeddedSchema_IsTheFileOfTheSchemesFolder()
    {
        Assert.That(SchemeCatalogue.SchemaText(), Is.EqualTo(File.ReadAllText(Path.Combine(GoldenCases.SchemesFolder, "scheme.schema.json"))));
    }

    [Test]
    public void SchemaFiles_AreNeitherShippedSchemesNorSchemeFilesOfAFolder()
    {
        Assert.That(SchemeCatalogue.ShippedSources().Select(s => s.Key), Has.None.EndsWith(".schema.json"));
        Assert.That(SchemeCatalogue.SchemeFiles(GoldenCases.SchemesFolder), Has.None.EndsWith(".schema.json"));
        Assert.That(Directory.GetFiles(GoldenCases.SchemesFolder, "*.schema.json"), Has.Length.EqualTo(2));
    }

    [Test]
    public void LoadFolder_WithASchemaFileBesideTheSchemes_LoadsOnlyTheSchemes()
    {
        var folder = Directory.CreateTempSubdirectory("grading-schema-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number" } ]"""));
            File.WriteAllText(Path.Combine(folder, "scheme.schema.json"), SchemeCatalogue.SchemaText());
            File.WriteAllText(Path.Combine(folder, "other.SCHEMA.JSON"), "{ \"type\": \"object\" }");

            Assert.That(SchemeCatalogue.LoadFolder(folder).All.Select(s => s.Id), Is.EqualTo(new[] { "t" }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void SchemaFiles_AreValidJsonWithoutDuplicatePropertiesAndDescribeEveryProperty()
    {
        foreach (var name in new[] { "scheme.schema.json", "cases.schema.json" })
        {
            var text = File.ReadAllText(Path.Combine(GoldenCases.SchemesFolder, name));
            var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false })!.AsObject();
            var undescribed = new List<string>();
            Walk(root, root, "#", undescribed);

            Assert.That(undescribed, Is.Empty, name);
        }

        // A property's schema, in Chinese with an English gloss, directly or through the definition it refers to.
        static void Walk(JsonObject root, JsonObject schema, string path, List<string> undescribed)
        {
            foreach (var (key, child) in schema)
            {
                switch (key, child)
                {
                    case ("properties", JsonObject properties):
                        foreach (var (name, property) in properties)
                        {
                            if (property is JsonObject p && !Described(root, p))
                            {
                                undescribed.Add($"{path}/properties/{name}");
                            }

                            if (property is JsonObject nested)
                            {
                                Walk(root, nested, $"{path}/properties/{name}", undescribed);
                            }
                        }

                        break;
                    case ("$defs", JsonObject defs):
                        foreach (var (name, def) in defs)
                        {
                            Walk(root, def!.AsObject(), $"{path}/$defs/{name}", undescribed);
                        }

                        break;
                    case ("items" or "additionalProperties", JsonObject nested):
                        Walk(root, nested, $"{path}/{key}", undescribed);
                        break;
                }
            }
        }

        static bool Described(JsonObject root, JsonObject property)
        {
            if (property["description"]?.GetValue<string>() is { } text)
            {
                return Cjk().IsMatch(text) && Regex.IsMatch(text, "[A-Za-z]{3}");
            }

            return property["$ref"]?.GetValue<string>() is { } reference
                && root["$defs"]![reference["#/$defs/".Length..]] is JsonObject target
                && Described(root, target);
        }
    }

    /// <summary>Structural mistakes, one per sample: the loader's code for it, and a scheme that makes it.</summary>
    private static IEnumerable<TestCaseData> StructuralMistakes()
    {
        const string Input = """ "inputs": [ { "id": "x", "type": "number" } ]""";
        static TestCaseData Case(string name, string code, string json) => new TestCaseData(code, json).SetArgDisplayNames(name);
        static string Full(string body) => "{ " + body + " }";

        // GE2001: a property the format does not have.
        yield return Case("unknown top-level property", DiagnosticCodes.UnknownProperty, SchemeSnippets.Member($"{Input}, \"colour\": 1"));
        yield return Case("unknown input property", DiagnosticCodes.UnknownProperty, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "lable": "x" } ]"""));
        yield return Case("unknown item property", DiagnosticCodes.UnknownProperty, SchemeSnippets.Member("""  "items": [ { "id": "a", "points": 10, "weight": 1 } ]"""));
        yield return Case("unknown action property", DiagnosticCodes.UnknownProperty, SchemeSnippets.Member("""  "flags": [ { "id": "f" } ], "rules": [ { "id": "r", "then": { "flag": "f", "points": "1" } } ]"""));
        yield return Case("unknown level property", DiagnosticCodes.UnknownProperty, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "好", "min": 60 }, { "id": "差" } ]"""));
        yield return Case("unknown rater property", DiagnosticCodes.UnknownProperty, SchemeSnippets.Member("""  "raters": [ { "id": "自评", "weight": 1, "scale": 100 } ]"""));
        yield return Case("unknown quota property", DiagnosticCodes.UnknownProperty, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号", "share": 0.3, "max": 3 } ]"""));

        // GE2002: a required property left out.
        yield return Case("no id", DiagnosticCodes.MissingProperty, Full(""" "name": "测", "subject": "member", "levels": [ { "id": "合格" } ]"""));
        yield return Case("no name", DiagnosticCodes.MissingProperty, Full(""" "id": "t", "subject": "member", "levels": [ { "id": "合格" } ]"""));
        yield return Case("no subject", DiagnosticCodes.MissingProperty, Full(""" "id": "t", "name": "测", "levels": [ { "id": "合格" } ]"""));
        yield return Case("no levels", DiagnosticCodes.MissingProperty, Full(""" "id": "t", "name": "测", "subject": "member" """));
        yield return Case("empty levels", DiagnosticCodes.MissingProperty, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [] """));
        yield return Case("input without type", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "inputs": [ { "id": "x" } ]"""));
        yield return Case("input without id", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "inputs": [ { "type": "number" } ]"""));
        yield return Case("gate without atBest", DiagnosticCodes.MissingProperty, SchemeSnippets.Member($"{Input}, \"gates\": [ {{ \"id\": \"g\", \"when\": \"x > 1\" }} ]"));
        yield return Case("veto without when", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "vetoes": [ { "id": "v" } ]"""));
        yield return Case("rule without then", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "rules": [ { "id": "r", "when": "true" } ]"""));
        yield return Case("award without points", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "items": [ { "id": "a", "points": 10 } ], "rules": [ { "id": "r", "then": { "award": "a" } } ]"""));
        yield return Case("set without to", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "values": [ { "id": "v", "type": "number", "initial": 0 } ], "rules": [ { "id": "r", "then": { "set": "v" } } ]"""));
        yield return Case("rater without weight", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "raters": [ { "id": "自评" } ]"""));
        yield return Case("quota without share", DiagnosticCodes.MissingProperty, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号" } ]"""));
        yield return Case("rating without raters", DiagnosticCodes.MissingProperty, SchemeSnippets.Member("""  "ratings": [ { "id": "政治素质" } ]"""));

        // GE2003: the wrong JSON type.
        yield return Case("name is a number", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": 1, "subject": "member", "levels": [ { "id": "合格" } ]"""));
        yield return Case("id is empty", DiagnosticCodes.InvalidValue, Full(""" "id": "", "name": "测", "subject": "member", "levels": [ { "id": "合格" } ]"""));
        yield return Case("scheme is an array", DiagnosticCodes.InvalidValue, "[]");
        yield return Case("inputs is an object", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": { "id": "x", "type": "number" }"""));
        yield return Case("input is a string", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ "x" ]"""));
        yield return Case("min is text", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "min": "0" } ]"""));
        yield return Case("required is text", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "required": "yes" } ]"""));
        yield return Case("default is an object", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "default": {} } ]"""));
        yield return Case("enum values are numbers", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "enum", "values": [1, 2] } ]"""));
        yield return Case("when is a boolean", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "flags": [ { "id": "f" } ], "rules": [ { "id": "r", "when": true, "then": { "flag": "f" } } ]"""));
        yield return Case("then is text", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "rules": [ { "id": "r", "then": "flag" } ]"""));
        yield return Case("salience is text", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "flags": [ { "id": "f" } ], "rules": [ { "id": "r", "salience": "1", "then": { "flag": "f" } } ]"""));
        yield return Case("rankBy holds a number", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号", "share": 0.3, "rankBy": [1] } ]"""));

        // GE2003: a word that is not one of the format's.
        yield return Case("subject is not a kind", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": "测", "subject": "branch", "levels": [ { "id": "合格" } ]"""));
        yield return Case("input type is not a type", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "float" } ]"""));
        yield return Case("value type is list", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "values": [ { "id": "v", "type": "list", "initial": 0 } ]"""));
        yield return Case("item style is not a style", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "items": [ { "id": "a", "points": 10, "style": "bonus" } ]"""));
        yield return Case("rounding is not a rounding", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号", "share": 0.3, "rounding": "up" } ]"""));
        yield return Case("withholdLevel is false", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "rules": [ { "id": "r", "then": { "withholdLevel": false } } ]"""));

        // GE2003: a number out of its range.
        yield return Case("precision 7", DiagnosticCodes.InvalidValue, SchemeSnippets.Member($"{Input}, \"precision\": 7"));
        yield return Case("precision 1.5", DiagnosticCodes.InvalidValue, SchemeSnippets.Member($"{Input}, \"precision\": 1.5"));
        yield return Case("negative points", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "items": [ { "id": "a", "points": -1 } ]"""));
        yield return Case("points above 10^9", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "items": [ { "id": "a", "points": 2e9 } ]"""));
        yield return Case("min beyond 2^53", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "min": -1e16 } ]"""));
        yield return Case("salience above a million", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "flags": [ { "id": "f" } ], "rules": [ { "id": "r", "salience": 2000000, "then": { "flag": "f" } } ]"""));
        yield return Case("weight above 1", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "raters": [ { "id": "自评", "weight": 1.5 } ], "ratings": [ { "id": "政治素质" } ]"""));
        yield return Case("scale 0", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "raters": [ { "id": "自评", "weight": 1 } ], "ratings": [ { "id": "政治素质", "scale": 0 } ]"""));
        yield return Case("share above 1", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号", "share": 2 } ]"""));
        yield return Case("share not a fraction", DiagnosticCodes.InvalidValue, Full(""" "id": "t", "name": "测", "subject": "member", "levels": [ { "id": "优秀", "minScore": 90 }, { "id": "合格" } ], "quotas": [ { "id": "q", "level": "优秀", "within": "组织编号", "share": "三分之一" } ]"""));

        // GE2003: properties that go together, or do not.
        yield return Case("then is empty", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "rules": [ { "id": "r", "then": [] } ]"""));
        yield return Case("action of two kinds", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "flags": [ { "id": "f" } ], "rules": [ { "id": "r", "then": { "flag": "f", "withholdLevel": true } } ]"""));
        yield return Case("action of no kind", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "rules": [ { "id": "r", "then": { "points": "1" } } ]"""));
        yield return Case("enum without values", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "enum" } ]"""));
        yield return Case("list without fields or scheme", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "list" } ]"""));
        yield return Case("subject without scheme", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "subject" } ]"""));
        yield return Case("scheme on a number", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number", "scheme": "s" } ]"""));
        yield return Case("list inside a list", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "list", "fields": [ { "id": "y", "type": "list" } ] } ]"""));
        yield return Case("value with expr and type", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "values": [ { "id": "v", "expr": "1", "type": "number" } ]"""));
        yield return Case("value with neither expr nor type", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "values": [ { "id": "v" } ]"""));
        yield return Case("leaf item without points", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "items": [ { "id": "a" } ]"""));
        yield return Case("item with sub-items and a score", DiagnosticCodes.InvalidValue, SchemeSnippets.Member("""  "items": [ { "id": "a", "score": "1", "items": [ { "id": "b", "points": 5 } ] } ]"""));
    }

    [TestCaseSource(nameof(StructuralMistakes))]
    public void StructuralMistake_RejectedByTheLoaderAndByTheSchema(string code, string json)
    {
        GradingScheme.TryParse(json, "t.json", out _, out var diagnostics);
        var errors = Errors(SchemeSchema.Value, json);

        Assert.That(diagnostics.Select(d => d.Code), Does.Contain(code), SchemeSnippets.Describe(diagnostics));
        Assert.That(errors, Is.Not.Empty, "the JSON Schema accepts it");
    }

    [Test]
    public void Variant_RemoveNotAnArray_RejectedByTheLoaderAndByTheSchema()
    {
        var variant = """{ "extends": "base", "id": "v", "remove": "x" }""";
        var outcomes = SchemeCatalogue.Compile(
        [
            SchemeSource.FromText("base.json", SchemeSnippets.Member("""  "inputs": [ { "id": "x", "type": "number" } ]""").Replace("\"t\"", "\"base\"", StringComparison.Ordinal)),
            SchemeSource.FromText("v.json", variant),
        ]);

        Assert.That(outcomes[1].Problems.Select(p => p.Code), Does.Contain(DiagnosticCodes.InvalidValue));
        Assert.That(Errors(SchemeSchema.Value, variant), Is.Not.Empty);
        Assert.That(Errors(SchemeSchema.Value, """{ "extends": "base", "id": "v", "remove": ["x"] }"""), Is.Empty, "a variant needs no name, subject or levels");
    }

    [Test]
    public void CaseFile_UnknownExpectation_RejectedByTheSchema()
    {
        Assert.That(Errors(CasesSchema.Value, """{ "scheme": "s", "cases": [ { "name": "a", "input": {}, "expect": { "levle": "好" } } ] }"""), Is.Not.Empty);
        Assert.That(Errors(CasesSchema.Value, """{ "scheme": "s", "cases": [ { "name": "a", "input": {} } ] }"""), Is.Not.Empty);
    }

    private static JsonSchema Load(string name)
    {
        var path = Path.Combine(GoldenCases.SchemesFolder, name);
        return JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri(path));
    }

    /// <summary>Every error the schema finds in a text, each as <c>instance location: message</c>.</summary>
    private static List<string> Errors(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json, Comments);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }

    [GeneratedRegex(@"[\u3400-\u9FFF]")]
    private static partial Regex Cjk();
}
