using GradingEngine.Diagnostics;
using GradingEngine.Schemes.Json;

namespace GradingEngine.Schemes;

/// <summary>
/// Variants: a scheme that says <c>"extends": "base-id"</c> starts from the base scheme's JSON. Scalars it gives
/// replace the base's; in each section an entry with the id of a base entry replaces it in place (items at any
/// depth), other entries are appended; <c>"remove": [ids]</c> drops entries by id. The merged tree keeps every
/// node's own file and position, so problems point into whichever file the text came from.
/// </summary>
internal static class SchemeVariants
{
    public const string ExtendsProperty = "extends";
    public const string RemoveProperty = "remove";

    private static readonly string[] Sections = ["raters", "inputs", "ratings", "values", "flags", "items", "rules", "levels", "gates", "vetoes", "quotas", "bottomRanking"];

    /// <summary>The base id a scheme extends, or null.</summary>
    public static string? BaseOf(JsonNode root) =>
        root is JsonObjectNode o && o.Find(ExtendsProperty)?.Value is JsonScalarNode { Value: string id } ? id : null;

    /// <summary>The scheme ids a scheme depends on: the one it extends and those its linked inputs name.</summary>
    public static IEnumerable<string> Dependencies(JsonNode root) => DependencyNodes(root).Select(d => d.Id);

    /// <summary>The scheme ids a scheme depends on, each with the node that names it (<c>extends</c>, an input's <c>scheme</c>).</summary>
    public static IEnumerable<(string Id, JsonNode Node)> DependencyNodes(JsonNode root)
    {
        if (root is not JsonObjectNode o)
        {
            yield break;
        }

        if (o.Find(ExtendsProperty)?.Value is JsonScalarNode { Value: string baseId } extends)
        {
            yield return (baseId, extends);
        }

        if (o.Find("inputs")?.Value is JsonArrayNode inputs)
        {
            foreach (var input in inputs.Items.OfType<JsonObjectNode>())
            {
                if (input.Find("scheme")?.Value is JsonScalarNode { Value: string id } node)
                {
                    yield return (id, node);
                }
            }
        }
    }

    /// <summary>Merges a variant onto its base's JSON.</summary>
    public static JsonObjectNode Merge(JsonObjectNode variant, JsonObjectNode baseRoot, DiagnosticBag bag)
    {
        var removeNode = variant.Find(RemoveProperty)?.Value;
        var remove = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        if (removeNode is JsonArrayNode list)
        {
            foreach (var item in list.Items)
            {
                if (item is JsonScalarNode { Value: string id })
                {
                    remove.TryAdd(id, item);
                }
                else
                {
                    bag.Add(DiagnosticCodes.InvalidValue, "remove 中应为 id 字符串 (remove lists ids as strings)", item.Location(bag.File));
                }
            }
        }
        else if (removeNode is not null)
        {
            bag.Add(DiagnosticCodes.InvalidValue, "remove 应为 id 数组 (remove must be an array of ids)", removeNode.Location(bag.File));
        }

        var removed = new HashSet<string>(StringComparer.Ordinal);
        var merged = new JsonObjectNode(variant.Path, variant.Line, variant.Column) { File = variant.File };
        foreach (var property in baseRoot.Properties)
        {
            var own = variant.Find(property.Name);
            if (own is null && property.Name == EffectivePeriod.Property)
            {
                continue; // a variant is in force on the days it says itself, not on its base's
            }

            if (Sections.Contains(property.Name) && property.Value is JsonArrayNode baseItems)
            {
                var replacements = own?.Value is JsonArrayNode a ? a.Items : [];
                var node = MergeSection(property.Name, baseItems, replacements, remove, removed);
                merged.Properties.Add(own is null ? property with { Value = node } : own with { Value = node });
            }
            else
            {
                merged.Properties.Add(own ?? property);
            }
        }

        foreach (var property in variant.Properties)
        {
            if (property.Name is not (ExtendsProperty or RemoveProperty) && baseRoot.Find(property.Name) is null)
            {
                merged.Properties.Add(property);
            }
        }

        foreach (var (id, node) in remove)
        {
            if (!removed.Contains(id))
            {
                bag.Add(DiagnosticCodes.UnknownReference, $"要删除的“{id}”在基础方案中不存在 ('{id}' to remove is not in the base scheme)", node.Location(bag.File));
            }
        }

        return merged;
    }

    private static JsonArrayNode MergeSection(
        string section,
        JsonArrayNode baseItems,
        IReadOnlyList<JsonNode> own,
        Dictionary<string, JsonNode> remove,
        HashSet<string> removed)
    {
        var byId = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in own)
        {
            if (IdOf(node) is { } id)
            {
                byId.TryAdd(id, node);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = Rebuild(baseItems, section == "items", byId, used, remove, removed);
        foreach (var node in own)
        {
            if (IdOf(node) is not { } id || !used.Contains(id))
            {
                result.Items.Add(node);
            }
        }

        return result;
    }

    private static JsonArrayNode Rebuild(
        JsonArrayNode items,
        bool nested,
        Dictionary<string, JsonNode> byId,
        HashSet<string> used,
        Dictionary<string, JsonNode> remove,
        HashSet<string> removed)
    {
        var result = new JsonArrayNode(items.Path, items.Line, items.Column) { File = items.File };
        foreach (var item in items.Items)
        {
            var id = IdOf(item);
            if (id is not null && remove.ContainsKey(id))
            {
                removed.Add(id);
                continue;
            }

            if (id is not null && byId.TryGetValue(id, out var replacement))
            {
                used.Add(id);
                result.Items.Add(replacement);
                continue;
            }

            if (nested && item is JsonObjectNode o && o.Find("items")?.Value is JsonArrayNode children)
            {
                var copy = new JsonObjectNode(o.Path, o.Line, o.Column) { File = o.File };
                foreach (var p in o.Properties)
                {
                    copy.Properties.Add(p.Name == "items" ? p with { Value = Rebuild(children, true, byId, used, remove, removed) } : p);
                }

                result.Items.Add(copy);
                continue;
            }

            result.Items.Add(item);
        }

        return result;
    }

    private static string? IdOf(JsonNode node) =>
        node is JsonObjectNode o && o.Find("id")?.Value is JsonScalarNode { Value: string id } ? id : null;
}
