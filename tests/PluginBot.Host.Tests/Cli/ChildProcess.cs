using System.Collections.Concurrent;
using System.Diagnostics;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Tests.Cli;

/// <summary>
/// <c>dotnet pluginbot.dll …</c> as a real child process in a temp working folder, with every flat variable
/// of the test process removed from its environment. Killed on dispose if still running.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output => string.Join('\n', _lines);

    public static ChildProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartUnder(parentShell: null, workingDirectory, environment, args);

    /// <summary>
    /// As <see cref="Start(string, IReadOnlyDictionary{string, string}, string[])"/>, but as the child of a shell run
    /// from <paramref name="parentShell"/> (a link to bash named, say, <c>systemd</c>), which stays its parent.
    /// </summary>
    public static ChildProcess StartUnder(string? parentShell, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(parentShell ?? dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (parentShell is not null)
        {
            // Backgrounded and waited for, so the shell does not exec the command in its own place.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("\"$0\" \"$@\" & wait $!");
            start.ArgumentList.Add(dotnet);
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pluginbot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            // The plugins declare their names in their manifests; these prefixes cover the ones shipped here.
            if (FlatNames.ToKey.ContainsKey(name) || name.Contains("__", StringComparison.Ordinal)
                || name.StartsWith("TELEGRAM_", StringComparison.Ordinal) || name.StartsWith("LLM_", StringComparison.Ordinal) || name.StartsWith("OLLAMA_", StringComparison.Ordinal))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = start });
        child._process.OutputDataReceived += (_, e) => child.Received(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Received(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been written.</summary>
    public Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waits)
        {
            _waits.Add((text, seen));
            if (_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }

        return seen.Task.WaitAsync(timeout);
    }

    /// <summary>Waits for the exit and returns the exit code; throws <see cref="TimeoutException"/> if it takes longer.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"pluginbot did not exit within {timeout}. Output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and systemd do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        lock (_waits)
        {
            foreach (var (text, seen) in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }
    }
}
