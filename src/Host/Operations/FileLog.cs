using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace PluginBot.Host.Operations;

/// <summary>
/// The optional log file (<c>LOG_FILE</c>), beside the console. Lines are written by one background writer that opens
/// the file for each batch, so when logrotate renames it the next batch starts a new file: nothing is lost and no
/// signal or copy-and-truncate is needed.
/// </summary>
internal sealed class FileLog : ILoggerProvider
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Task _writer;

    public FileLog(string path, TimeProvider time)
    {
        (_path, _time) = (path, time);
        if (Path.GetDirectoryName(path) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _writer = Task.Run(WriteAsync);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task WriteAsync()
    {
        var batch = new StringBuilder();
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (batch.Length < 256 * 1024 && _lines.Reader.TryRead(out var line))
            {
                batch.Append(line).Append('\n');
            }

            try
            {
                await File.AppendAllTextAsync(_path, batch.ToString());
            }
            catch (IOException)
            {
                // A full disk or a missing folder loses these lines, not the process; the console still has them.
            }
            catch (UnauthorizedAccessException)
            {
            }

            batch.Clear();
        }
    }

    private sealed class Logger(FileLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var text = formatter(state, exception);
            var line = string.Create(CultureInfo.InvariantCulture, $"{owner._time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {Level(logLevel)} {category}: {text}");
            if (exception is not null)
            {
                line += " | " + exception.ToString().ReplaceLineEndings(" | ");
            }

            owner._lines.Writer.TryWrite(line.ReplaceLineEndings(" "));
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
