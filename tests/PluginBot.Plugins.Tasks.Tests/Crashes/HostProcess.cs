using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PluginBot.Plugins.Tasks.Tests.Crashes;

/// <summary>
/// The real host, <c>dotnet pluginbot.dll</c> from the test's bin folder, as a child process with only the given
/// configuration (the test process's own variables are not passed on). <see cref="Kill"/> sends SIGKILL.
/// </summary>
internal sealed partial class HostProcess : IDisposable
{
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "LANG", "DOTNET_ROOT", "DOTNET_CLI_HOME", "DOTNET_HOST_PATH", "NUGET_PACKAGES"];
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _working = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    public DateTimeOffset StartedAt { get; private set; }

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public static HostProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pluginbot.dll"));
        start.Environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var host = new HostProcess(new Process { StartInfo = start });
        host._process.OutputDataReceived += (_, e) => host.Received(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Received(e.Data);
        host._process.Exited += (_, _) =>
        {
            host._running.TrySetException(new InvalidOperationException($"pluginbot exited early. Output:\n{host.Output}"));
            host._working.TrySetException(new InvalidOperationException($"pluginbot exited early. Output:\n{host.Output}"));
        };
        host._process.EnableRaisingEvents = true;
        host.StartedAt = DateTimeOffset.UtcNow;
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The API's address, once the host logged that it is running.</summary>
    public Task<Uri> RunningAsync(TimeSpan timeout) => _running.Task.WaitAsync(timeout);

    /// <summary>Completes when the task workers have started (the database is migrated; tasks may already run).</summary>
    public Task WorkingAsync(TimeSpan timeout) => _working.Task.WaitAsync(timeout);

    /// <summary>SIGKILL: no shutdown code runs. Returns when the process is gone.</summary>
    /// <summary>Kills the process and returns a time after it died: whatever it wrote, it wrote before then.</summary>
    public DateTimeOffset Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.WaitForExit(30_000);
        return DateTimeOffset.UtcNow;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("Task workers on ", StringComparison.Ordinal))
        {
            _working.TrySetResult();
        }

        if (RunningLine().Match(line) is { Success: true } match)
        {
            _running.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"PluginBot is running; health at (\S+)/health")]
    private static partial Regex RunningLine();
}
