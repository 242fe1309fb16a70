using System.Diagnostics;
using System.Text;

namespace EdgeMask.TestSupport;

/// <summary>Starts a child process with captured output and waits for lines or for exit, with time limits.</summary>
public sealed class ProcessRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    private ProcessRunner(Process process) => _process = process;

    /// <summary>Writes <paramref name="text"/> to the program's standard input and closes it.</summary>
    public async Task WriteInputAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        _process.StandardInput.Close();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything written to stdout and stderr so far, interleaved as it arrived.</summary>
    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.ToString();
            }
        }
    }

    public static ProcessRunner Start(string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var runner = new ProcessRunner(process);
        process.OutputDataReceived += (_, e) => runner.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => runner.OnLine(e.Data);
        process.Exited += (_, _) => runner.OnExited();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; fails with the output so far on time-out.</summary>
    public Task<string> WaitForLineAsync(string text, TimeSpan timeout) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), text, timeout);

    public async Task<string> WaitForLineAsync(Func<string, bool> match, string description, TimeSpan timeout)
    {
        TaskCompletionSource<string> found = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _output.ToString().Split('\n').FirstOrDefault(match);
            if (existing is not null)
            {
                return existing;
            }

            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No output line matching '{description}' within {timeout.TotalSeconds:0} s. Output so far:\n{Output}");
        }
        catch (InvalidOperationException exited)
        {
            throw new InvalidOperationException($"No output line matching '{description}': {exited.Message}. Output:\n{Output}");
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> output lines match, polling the captured output.</summary>
    public async Task WaitForLineCountAsync(Func<string, bool> match, int count, string description, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (Output.Split('\n').Count(match) < count)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                if (Output.Split('\n').Count(match) >= count)
                {
                    return;
                }

                throw new InvalidOperationException($"Process exited with code {_process.ExitCode} before {count} output lines matched '{description}'. Output:\n{Output}");
            }

            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Fewer than {count} output lines matching '{description}' within {timeout.TotalSeconds:0} s. Output so far:\n{Output}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process did not exit within {timeout.TotalSeconds:0} s. Output so far:\n{Output}");
        }

        // The parameterless wait flushes the asynchronous output readers.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (e.g. 15 for SIGTERM, 9 for SIGKILL) through /bin/kill.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("/bin/kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnExited()
    {
        // Let the output readers drain before failing the waiters that are still open.
        _process.WaitForExit();
        lock (_lock)
        {
            foreach (var (_, found) in _waiters)
            {
                found.TrySetException(new InvalidOperationException($"the process exited with code {_process.ExitCode}"));
            }

            _waiters.Clear();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    _waiters[i].Found.TrySetResult(line);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
