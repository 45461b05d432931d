using System.Globalization;
using System.Text;
using System.Text.Json;
using GradingEngine.Expressions;

namespace GradingEngine.Store;

/// <summary>Lists as compact JSON arrays (SQLite keeps them so; <c>json_extract</c> and <c>json_each</c> read them).</summary>
internal static class JsonLists
{
    public static string? Of(string[]? texts)
    {
        if (texts is null)
        {
            return null;
        }

        var json = new StringBuilder(texts.Sum(t => t.Length + 3) + 2).Append('[');
        for (var i = 0; i < texts.Length; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append('"');
            foreach (var c in texts[i])
            {
                switch (c)
                {
                    case '"':
                        json.Append("\\\"");
                        break;
                    case '\\':
                        json.Append("\\\\");
                        break;
                    case < ' ':
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                    default:
                        json.Append(c);
                        break;
                }
            }

            json.Append('"');
        }

        return json.Append(']').ToString();
    }

    /// <summary>Scores written as the CSV results write them.</summary>
    public static string Of(double[] numbers)
    {
        var text = new StringBuilder(numbers.Length * 4 + 2).Append('[');
        for (var i = 0; i < numbers.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(ValueFormatter.FormatNumber(numbers[i]));
        }

        return text.Append(']').ToString();
    }

    public static string[]? Texts(string? json) => json is null ? null : JsonSerializer.Deserialize<string[]>(json);

    public static double[] Numbers(string json) => JsonSerializer.Deserialize<double[]>(json) ?? [];

}

/// <summary>SQL text with numbers in the invariant culture (ids, years: never user text, which goes in parameters).</summary>
internal static class Sql
{
    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
