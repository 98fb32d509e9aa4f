using System.Text;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// A CSV body per RFC 4180: a header row of column names, then records of as many fields; fields may be quoted
/// (<c>""</c> escapes a quote; commas and line breaks allowed inside); CRLF or LF line ends; a final line end optional.
/// An empty unquoted field is a missing value (null), as pandas reads it; <c>""</c> is an empty string.
/// </summary>
internal sealed class CsvTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private CsvTable(string[] header, List<string?[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public IReadOnlyList<string?[]> Rows { get; }

    /// <param name="maxRecords">Stops after this many records (header included), so that a body of many short lines
    /// never costs more than the row limit allows; the caller sees one row too many and refuses the batch.</param>
    public static CsvTable Parse(ReadOnlySpan<byte> csv, int maxRecords = int.MaxValue)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(csv.StartsWith("\uFEFF"u8) ? csv[3..] : csv);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("the CSV body is not valid UTF-8");
        }

        var records = new List<string?[]>();
        var fields = new List<string?>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length && records.Count < maxRecords)
        {
            // One record per iteration.
            recordLine = line;
            fields.Clear();
            while (true)
            {
                string? value;
                if (i < text.Length && text[i] == '"')
                {
                    field.Clear();
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw Malformed($"CSV line {recordLine}: a quoted field is not closed");
                        }

                        var c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw Malformed($"CSV line {line}: unexpected character after a quoted field");
                    }

                    value = field.ToString();
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            throw Malformed($"CSV line {line}: a quote inside an unquoted field");
                        }

                        i++;
                    }

                    value = i == start ? null : text[start..i];
                }

                fields.Add(value);
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                if (i < text.Length && text[i] == '\r')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '\n')
                {
                    i++;
                    line++;
                }

                break;
            }

            // A blank line (one empty field) carries no record.
            if (fields.Count == 1 && fields[0] is null)
            {
                continue;
            }

            records.Add([.. fields]);
        }

        if (records.Count == 0)
        {
            throw Malformed("the CSV body has no header row");
        }

        var header = records[0];
        var names = new string[header.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            names[c] = header[c] ?? throw Malformed($"CSV header: column {c + 1} has no name");
            if (!seen.Add(names[c]))
            {
                throw Malformed($"CSV header: column '{names[c]}' appears twice");
            }
        }

        records.RemoveAt(0);
        for (var r = 0; r < records.Count; r++)
        {
            if (records[r].Length != names.Length)
            {
                throw Malformed($"CSV row {r} has {records[r].Length} fields, the header has {names.Length}");
            }
        }

        return new CsvTable(names, records);
    }

    private static RequestRejected Malformed(string message) => new(ServingError.Malformed(
        $"Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '{message}'"));
}
