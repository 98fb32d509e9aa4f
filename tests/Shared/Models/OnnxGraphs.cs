namespace Slipway.Tests.Models;

/// <summary>
/// Tiny ONNX graphs written in the test (a few protobuf fields of <c>onnx.proto</c>, opset 13), for behaviour the
/// adult-census model cannot show: a model that fails at run time for some inputs, and a model slow enough to
/// saturate a server.
/// </summary>
public static class OnnxGraphs
{
    private const int Float = 1;
    private const int Int64 = 7;

    /// <summary>
    /// <c>y = Gather([10, 20, 30], index)</c> over an INT64 <c>[-1, 1]</c> input <c>index</c>: indices 0–2 answer,
    /// any other index makes ONNX Runtime throw at run time (the input passes any signature check).
    /// </summary>
    public static byte[] Throwing()
    {
        var data = Tensor("table", Float, [3], FloatBytes([10f, 20f, 30f]));
        var node = Node("Gather", ["table", "index"], ["y"], Attribute("axis", 0));
        return Model(Graph("throwing", [node], [data], [ValueInfo("index", Int64, [-1, 1])], [ValueInfo("y", Float, [-1, 1])]));
    }

    /// <summary>
    /// <c>y = x·W·W…</c> (<paramref name="layers"/> MatMuls with one <c>width × width</c> weight) over a FP32
    /// <c>[-1, width]</c> input: a few milliseconds per row, to push a server over capacity.
    /// </summary>
    public static byte[] Slow(int width = 256, int layers = 32)
    {
        var weights = new float[width * width];
        for (var i = 0; i < width; i++)
        {
            weights[(i * width) + i] = 1f;
            weights[(i * width) + ((i + 1) % width)] = 0.001f;
        }

        var nodes = new List<byte[]>();
        var previous = "x";
        for (var layer = 0; layer < layers; layer++)
        {
            var output = layer == layers - 1 ? "y" : "h" + layer;
            nodes.Add(Node("MatMul", [previous, "w"], [output]));
            previous = output;
        }

        return Model(Graph("slow", nodes, [Tensor("w", Float, [width, width], FloatBytes(weights))],
            [ValueInfo("x", Float, [-1, width])], [ValueInfo("y", Float, [-1, width])]));
    }

    private static byte[] Model(byte[] graph) => Message(w =>
    {
        w.Varint(1, 8); // ir_version
        w.Bytes(2, "slipway-tests"u8.ToArray()); // producer_name
        w.Bytes(7, graph);
        w.Bytes(8, Message(o => o.Varint(2, 13))); // opset_import { version: 13 }
    });

    private static byte[] Graph(string name, IEnumerable<byte[]> nodes, IEnumerable<byte[]> initializers, IEnumerable<byte[]> inputs, IEnumerable<byte[]> outputs) => Message(w =>
    {
        foreach (var node in nodes)
        {
            w.Bytes(1, node);
        }

        w.String(2, name);
        foreach (var initializer in initializers)
        {
            w.Bytes(5, initializer);
        }

        foreach (var input in inputs)
        {
            w.Bytes(11, input);
        }

        foreach (var output in outputs)
        {
            w.Bytes(12, output);
        }
    });

    private static byte[] Node(string op, string[] inputs, string[] outputs, params byte[][] attributes) => Message(w =>
    {
        foreach (var input in inputs)
        {
            w.String(1, input);
        }

        foreach (var output in outputs)
        {
            w.String(2, output);
        }

        w.String(4, op);
        foreach (var attribute in attributes)
        {
            w.Bytes(5, attribute);
        }
    });

    private static byte[] Attribute(string name, long value) => Message(w =>
    {
        w.String(1, name);
        w.Varint(3, value); // i
        w.Varint(20, 2); // type INT
    });

    private static byte[] Tensor(string name, int type, long[] dims, byte[] raw) => Message(w =>
    {
        foreach (var dim in dims)
        {
            w.Varint(1, dim);
        }

        w.Varint(2, type);
        w.String(8, name);
        w.Bytes(9, raw);
    });

    private static byte[] ValueInfo(string name, int type, long[] shape) => Message(w =>
    {
        w.String(1, name);
        var dims = Message(s =>
        {
            foreach (var dim in shape)
            {
                s.Bytes(1, Message(d =>
                {
                    if (dim < 0)
                    {
                        d.String(2, "batch");
                    }
                    else
                    {
                        d.Varint(1, dim);
                    }
                }));
            }
        });
        var tensor = Message(t =>
        {
            t.Varint(1, type);
            t.Bytes(2, dims);
        });
        w.Bytes(2, Message(t => t.Bytes(1, tensor)));
    });

    private static byte[] FloatBytes(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }

    private static byte[] Message(Action<ProtoWriter> write)
    {
        var writer = new ProtoWriter();
        write(writer);
        return writer.ToArray();
    }

    private sealed class ProtoWriter
    {
        private readonly MemoryStream buffer = new();

        public void Varint(int field, long value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            buffer.Write(value);
        }

        public byte[] ToArray() => buffer.ToArray();

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            buffer.WriteByte((byte)value);
        }
    }
}
