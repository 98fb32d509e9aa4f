using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Checks a request's inputs against the model's signature in the order of serving spec §2.2 (names, then declared
/// datatypes, shapes and row counts, then values, then params), stops at the first failing stage, and builds the
/// typed tensors the model takes. Protocol readers only lay out where the values are (<see cref="InputSource"/>).
/// </summary>
internal static class SignatureBinder
{
    public static DecodedRequest Bind(Envelope envelope, ModelSchema schema, DecodeOptions options)
    {
        var provided = new Dictionary<string, InputSource>(StringComparer.Ordinal);
        foreach (var input in envelope.Inputs)
        {
            if (!provided.TryAdd(input.Name, input))
            {
                throw new RequestRejected(ServingError.Malformed($"input '{input.Name}' appears more than once"));
            }
        }

        var ignored = envelope.Inputs.Where(i => schema.Input(i.Name) is null).Select(i => i.Name).ToList();
        if (envelope.Rows != 0)
        {
            CheckNames(envelope, schema, options, provided, ignored);
        }

        CheckOutputs(envelope, schema);

        var rows = CheckRows(envelope, schema, options, provided);
        var shapes = new long[schema.Inputs.Count][];
        for (var i = 0; i < schema.Inputs.Count; i++)
        {
            var spec = schema.Inputs[i];
            shapes[i] = provided.TryGetValue(spec.Name, out var source) ? source.CheckShape(spec, rows) : AbsentShape(spec, rows);
        }

        var tensors = new Tensor[schema.Inputs.Count];
        for (var i = 0; i < schema.Inputs.Count; i++)
        {
            var spec = schema.Inputs[i];
            var shape = shapes[i];
            var count = checked((int)Tensor.ElementCount(shape));
            var perRow = rows == 0 ? 0 : count / rows;
            var writer = new ValueWriter(spec, count, perRow, options, envelope.Markers);
            if (provided.TryGetValue(spec.Name, out var source))
            {
                source.Fill(writer, spec, shape);
            }
            else
            {
                FillAbsent(writer, spec, count, perRow);
            }

            tensors[i] = new Tensor(spec.Name, spec.Type, shape, writer.Data);
        }

        var parameters = ParamDecoder.Decode(schema.Params, envelope.Params, envelope.RefuseUnknownParams && !options.LenientParams);
        return new DecodedRequest(new InferenceBatch(rows, tensors) { Params = parameters }, rows)
        {
            IgnoredInputs = ignored,
            ClientId = envelope.ClientId,
            RequestedOutputs = envelope.RequestedOutputs,
            Priority = envelope.Priority,
            TimeoutMicros = envelope.TimeoutMicros,
            StickyKey = StickyKey(envelope, options, provided),
        };
    }

    private static void CheckNames(Envelope envelope, ModelSchema schema, DecodeOptions options, Dictionary<string, InputSource> provided, List<string> ignored)
    {
        var missing = schema.Inputs.Where(i => i.Required && !provided.ContainsKey(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
        {
            string message;
            if (envelope.Dialect == ProtocolDialect.Mlflow)
            {
                message = $"Model is missing inputs {FieldText.List(missing, ", ")}.";
                if (ignored.Count > 0)
                {
                    message += $" Note that there were extra inputs: {FieldText.List(ignored, ", ")}.";
                }
            }
            else
            {
                message = $"missing required input(s) {FieldText.List(missing)}";
                foreach (var extra in ignored)
                {
                    if (NameSuggestions.Closest(extra, missing) is { } meant)
                    {
                        message += $"; input '{extra}' was sent, did you mean '{meant}'?";
                        break;
                    }
                }
            }

            throw new RequestRejected(ServingError.Invalid(ServingErrorCodes.InputMissing, message, missing[0]));
        }

        if (options.Strict && ignored.Count > 0)
        {
            var message = ignored.Count == 1 ? $"unexpected input '{ignored[0]}'" : $"unexpected input(s) {FieldText.List(ignored)}";
            if (NameSuggestions.Closest(ignored[0], schema.Inputs.Select(i => i.Name)) is { } meant)
            {
                message += ignored.Count == 1 ? $"; did you mean '{meant}'?" : $"; did you mean '{meant}' for '{ignored[0]}'?";
            }

            throw new RequestRejected(ServingError.Invalid(ServingErrorCodes.InputUnknown, message, ignored[0]));
        }
    }

    private static void CheckOutputs(Envelope envelope, ModelSchema schema)
    {
        foreach (var name in envelope.RequestedOutputs ?? [])
        {
            if (!schema.Outputs.Any(o => string.Equals(o.Name, name, StringComparison.Ordinal)))
            {
                var names = schema.Outputs.Select(o => o.Name).ToList();
                var hint = NameSuggestions.Closest(name, names) is { } meant ? $"; did you mean '{meant}'?" : string.Empty;
                throw new RequestRejected(ServingError.Invalid(
                    ServingErrorCodes.OutputUnknown,
                    $"unknown output '{name}'{hint} (the model's outputs are {FieldText.List(names)})",
                    name));
            }
        }
    }

    private static int CheckRows(Envelope envelope, ModelSchema schema, DecodeOptions options, Dictionary<string, InputSource> provided)
    {
        foreach (var spec in schema.Inputs)
        {
            if (provided.TryGetValue(spec.Name, out var source))
            {
                source.CheckDeclared(spec);
            }
        }

        int? rows = envelope.Rows;
        InputSource? first = null;
        foreach (var spec in schema.Inputs)
        {
            if (!provided.TryGetValue(spec.Name, out var source))
            {
                continue;
            }

            if (first is null)
            {
                first = source;
                rows ??= source.Rows;
            }
            else if (source.Rows != first.Rows)
            {
                throw new RequestRejected(ServingError.Invalid(
                    ServingErrorCodes.RowCountMismatch,
                    $"input '{source.Name}' has {source.Rows} rows, input '{first.Name}' has {first.Rows}",
                    source.Name));
            }
        }

        if (rows is not > 0)
        {
            var message = envelope.Dialect == ProtocolDialect.Mlflow ? "Input DataFrame is empty." : "the request has no rows";
            throw new RequestRejected(ServingError.Invalid(ServingErrorCodes.EmptyBatch, message));
        }

        if (rows > options.MaxRows)
        {
            throw new RequestRejected(new ServingError(
                413,
                ServingErrorCodes.BatchTooLarge,
                $"the request has more than {options.MaxRows} rows, the limit per request (limits.max_rows_per_request); split it into smaller requests"));
        }

        return rows.Value;
    }

    private static long[] AbsentShape(FieldSpec spec, int rows) =>
        spec.IsColumn ? (spec.Shape.Count <= 1 ? [rows] : [rows, 1])
        : spec.FixedElementsPerRow is not null ? [rows, .. spec.RowShape]
        : throw new RequestRejected(ServingError.Invalid(
            ServingErrorCodes.InputMissing,
            $"{FieldText.Label(spec)} is absent and its shape {FieldText.Shape(spec.Shape)} cannot be inferred",
            spec.Name));

    /// <summary>An optional input the request left out: NaN for floating-point types, else refused.</summary>
    private static void FillAbsent(ValueWriter writer, FieldSpec spec, int count, int perRow)
    {
        if (!spec.Type.IsFloatingPoint())
        {
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.NullNotAllowed,
                $"{FieldText.Label(spec)} is absent; only floating-point inputs may be left out (they become NaN), {FieldText.TypeName(spec)} needs a value",
                spec.Name));
        }

        for (var index = 0; index < count; index++)
        {
            writer.Missing(index, perRow == 0 ? 0 : index / perRow);
        }
    }

    private static string? StickyKey(Envelope envelope, DecodeOptions options, Dictionary<string, InputSource> provided)
    {
        if (options.StickyJsonField is not { } field)
        {
            return null;
        }

        if (envelope.Root is { ValueKind: System.Text.Json.JsonValueKind.Object } root && root.TryGetProperty(field, out var value))
        {
            return value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.String => value.GetString(),
                System.Text.Json.JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }

        return provided.TryGetValue(field, out var source) ? source.FirstValueText() : null;
    }
}
