using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace EdgeMask.Capture.Sources;

/// <summary>
/// A child process that writes raw frames of a fixed size to stdout (ffmpeg for IP cameras, rpicam-vid for Pi
/// CSI cameras, gst-launch-1.0 for Jetson CSI cameras). Each frame is read into one reusable pinned buffer and
/// converted to BGR; stderr is kept so a failure says what the process said. Closing kills the process tree.
/// </summary>
internal sealed class PipeFrameSource : IFrameSource
{
    private readonly string _command;
    private readonly int _width;
    private readonly int _height;
    private readonly PipePixelFormat _format;
    private readonly ILogger _logger;
    private readonly StderrTail _stderr = new();
    private readonly byte[] _buffer;
    private Mat? _raw;
    private Process? _process;
    private CancellationTokenSource? _stderrStop;
    private Task _stderrPump = Task.CompletedTask;
    private long _framesRead;

    public PipeFrameSource(string command, int width, int height, PipePixelFormat format, ILogger logger)
    {
        _command = command;
        _width = width;
        _height = height;
        _format = format;
        _logger = logger;
        FrameBytes = format switch
        {
            PipePixelFormat.Bgr24 => width * height * 3,
            PipePixelFormat.Yuv420p => width * height * 3 / 2,
            PipePixelFormat.Gray => width * height,
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pipe pixel format"),
        };

        // Pinned so an OpenCV header can point at it for the conversion without a copy.
        _buffer = GC.AllocateUninitializedArray<byte>(FrameBytes, pinned: true);
        Description = $"pipe '{Redaction.MaskUrlPasswords(command)}' ({width}x{height} {format})";
    }

    public string Description { get; }

    /// <summary>Bytes in one frame on the pipe.</summary>
    public int FrameBytes { get; }

    /// <summary>The running process's id, or null when closed.</summary>
    public int? ProcessId => _process?.Id;

    public ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Description} is already open");
        }

        IReadOnlyList<string> words;
        try
        {
            words = ShellWords.Split(_command);
        }
        catch (FormatException ex)
        {
            throw new FrameSourceException($"{Description}: Capture:Command cannot be split into program and arguments: {ex.Message}", ex);
        }

        if (words.Count == 0)
        {
            throw new FrameSourceException("Capture:Command is empty");
        }

        var start = new ProcessStartInfo(words[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in words.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new FrameSourceException($"{Description}: program '{words[0]}' could not be started: {ex.Message}", ex);
        }

        // Nothing is ever typed to the process; closing stdin keeps tools like ffmpeg from waiting on a terminal.
        process.StandardInput.Close();
        _process = process;
        _framesRead = 0;
        _stderrStop = new CancellationTokenSource();
        _stderrPump = PumpStderrAsync(process.StandardError, _stderrStop.Token);
        _raw = CreateRawHeader();
        _logger.LogInformation("Started {Source} as process {Pid}", Description, process.Id);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<bool> ReadAsync(Mat destination, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Description} is not open");
        var stdout = process.StandardOutput.BaseStream;
        var filled = 0;
        while (filled < FrameBytes)
        {
            var read = await stdout.ReadAsync(_buffer.AsMemory(filled, FrameBytes - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return await EndOfOutputAsync(process, filled, cancellationToken).ConfigureAwait(false);
            }

            filled += read;
        }

        ConvertToBgr(destination);
        _framesRead++;
        return true;
    }

    public async ValueTask CloseAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _stderrStop?.Cancel();
        await _stderrPump.ConfigureAwait(false);
        _stderrStop?.Dispose();
        _stderrStop = null;
        process.Dispose();
        _raw?.Dispose();
        _raw = null;
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private async Task<bool> EndOfOutputAsync(Process process, int partialBytes, CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.WaitAsync(cancellationToken).ConfigureAwait(false);
        var exitCode = process.ExitCode;
        if (exitCode != 0)
        {
            throw new FrameSourceException($"{Description} exited with code {exitCode}: {_stderr}");
        }

        if (partialBytes > 0)
        {
            throw new FrameSourceException(
                $"{Description} ended in the middle of a frame ({partialBytes} of {FrameBytes} bytes): " +
                "Capture:PipeFrameWidth, PipeFrameHeight and PipePixelFormat must match what the command writes");
        }

        if (_framesRead == 0)
        {
            throw new FrameSourceException($"{Description} exited with code 0 without writing a frame: {_stderr}");
        }

        return false;
    }

    private async Task PumpStderrAsync(StreamReader stderr, CancellationToken cancellationToken)
    {
        try
        {
            while (await stderr.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                _stderr.Add(line);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The process is being closed; what was read so far is kept.
        }
    }

    private Mat CreateRawHeader()
    {
        var data = Marshal.UnsafeAddrOfPinnedArrayElement(_buffer, 0);
        return _format switch
        {
            PipePixelFormat.Bgr24 => Mat.FromPixelData(_height, _width, MatType.CV_8UC3, data),
            PipePixelFormat.Yuv420p => Mat.FromPixelData(_height * 3 / 2, _width, MatType.CV_8UC1, data),
            _ => Mat.FromPixelData(_height, _width, MatType.CV_8UC1, data),
        };
    }

    private void ConvertToBgr(Mat destination)
    {
        var raw = _raw!;
        switch (_format)
        {
            case PipePixelFormat.Bgr24:
                raw.CopyTo(destination);
                break;
            case PipePixelFormat.Yuv420p:
                Cv2.CvtColor(raw, destination, ColorConversionCodes.YUV2BGR_I420);
                break;
            default:
                Cv2.CvtColor(raw, destination, ColorConversionCodes.GRAY2BGR);
                break;
        }
    }
}
