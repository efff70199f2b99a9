using System.Text;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// Keeps a copy of everything written to the console, still passing it through. Plugin discovery logs through
/// the host's bootstrap console logger (it runs before the app's logging providers exist), so this is where
/// its warnings can be read. Installed once per process; callers filter by something unique to their host.
/// </summary>
public static class ConsoleCapture
{
    private static readonly Lazy<TeeWriter> Writer = new(() =>
    {
        var tee = new TeeWriter(Console.Out);
        Console.SetOut(tee);
        return tee;
    });

    public static void Install() => _ = Writer.Value;

    public static IReadOnlyList<string> LinesContaining(string text) =>
        Writer.Value.Snapshot().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();

    private sealed class TeeWriter(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder _copy = new();
        private readonly Lock _gate = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (_gate)
            {
                _copy.Append(value);
                inner.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _copy.Append(value);
                inner.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_gate)
            {
                _copy.Append(buffer, index, count);
                inner.Write(buffer, index, count);
            }
        }

        public override void Flush() => inner.Flush();

        public string Snapshot()
        {
            lock (_gate)
            {
                return _copy.ToString();
            }
        }
    }
}
