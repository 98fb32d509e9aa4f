using System.Globalization;
using System.Text;
using Slipway.Contracts.Registry;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// Renders a model card as Markdown: a heading per section, "Not documented." where a section is empty. The free
/// text is Markdown already and goes in as it is; names and values from elsewhere are escaped.
/// </summary>
public static class ModelCardMarkdown
{
    private const string Missing = "_Not documented._";

    /// <summary>The line shown under the heading of a version whose format executes code when loaded.</summary>
    public const string UnsafeFormatWarning = "> ⚠ Unsafe format: loading this model executes code (pickle); Slipway never loads it.";

    public static string Render(ModelCardView view)
    {
        var card = view.Card;
        var parts = view.Parts;
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(view.Name)).Append(" — version ").Append(view.Version.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
        if (view.UnsafeFormat)
        {
            md.Append(UnsafeFormatWarning).Append("\n\n");
        }

        Section(md, "Intended use", card.IntendedUse);
        Section(md, "Limitations", card.Limitations);
        Datasets(md, "Training data", parts.TrainingData);
        Datasets(md, "Evaluation data", parts.EvaluationData);

        md.Append("## Metrics\n\n");
        if (parts.Metrics.Count == 0)
        {
            md.Append(Missing).Append("\n\n");
        }
        else
        {
            md.Append("| Metric | Value |\n|---|---|\n");
            foreach (var (key, value) in parts.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                md.Append("| ").Append(Escape(key)).Append(" | ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(" |\n");
            }

            md.Append('\n');
        }

        Section(md, "Owners", string.Join(", ", parts.Owners.Select(Escape)));
        Section(md, "License", Escape(card.License));
        if (card.Text.Length > 0)
        {
            md.Append("## Notes\n\n").Append(card.Text.TrimEnd()).Append("\n\n");
        }

        return md.ToString().TrimEnd() + "\n";
    }

    private static void Section(StringBuilder md, string title, string body) =>
        md.Append("## ").Append(title).Append("\n\n").Append(body.Length == 0 ? Missing : body.TrimEnd()).Append("\n\n");

    private static void Datasets(StringBuilder md, string title, IReadOnlyList<ModelCardDataset> datasets)
    {
        md.Append("## ").Append(title).Append("\n\n");
        if (datasets.Count == 0)
        {
            md.Append(Missing).Append("\n\n");
            return;
        }

        foreach (var d in datasets)
        {
            md.Append("- **").Append(Escape(d.Name)).Append("**");
            if (!string.IsNullOrEmpty(d.Digest))
            {
                md.Append(", digest `").Append(Code(d.Digest)).Append('`');
            }

            if (!string.IsNullOrEmpty(d.Source))
            {
                md.Append(", source `").Append(Code(d.Source)).Append('`');
            }

            if (!string.IsNullOrEmpty(d.RunId))
            {
                md.Append(", from run `").Append(Code(d.RunId)).Append('`');
            }

            md.Append('\n');
        }

        md.Append('\n');
    }

    /// <summary>Backslash-escapes the characters that Markdown would read as formatting, tables or HTML.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\`*_{}[]()#+!|<>".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\n' or '\r' ? ' ' : c);
        }

        return escaped.ToString();
    }

    private static string Code(string text) => text.Replace('`', '\'').Replace('\n', ' ').Replace('\r', ' ');
}
