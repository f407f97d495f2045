using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Dashboard.WireProof.Tests;

/// <summary>Runs tests/aws-sdk-peer/call.mjs: one operation through the official AWS SDK for JavaScript v3.</summary>
public static class PeerNode
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static string PeerDirectory { get; } = typeof(PeerNode).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AwsSdkPeerDir").Value!;

    /// <summary>The script's answer: <c>{"ok":true,"output":…}</c> or <c>{"ok":false,"error":{name,httpStatusCode,message,requestId}}</c>.</summary>
    public static async Task<JsonElement> CallAsync(Uri endpoint, string operation, string jsonInput, string accessKeyId,
        string secretAccessKey, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = PeerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-warnings", "call.mjs", endpoint.ToString().TrimEnd('/'), operation, jsonInput })
        {
            start.ArgumentList.Add(argument);
        }
        // Credentials through the environment, as the SDK's own default chain would read them; nothing else leaks in.
        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        start.Environment["AWS_REGION"] = "us-east-1";
        foreach (var name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDWATCH", "AWS_ENDPOINT_URL_SAGEMAKER" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node call.mjs {operation} did not finish within {Timeout.TotalSeconds} s");
        }
        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0 || string.IsNullOrWhiteSpace(output))
        {
            throw new InvalidOperationException($"node call.mjs {operation} exited {process.ExitCode}: {errors}{output}");
        }
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}
