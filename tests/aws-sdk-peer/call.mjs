// Calls one CloudWatch, SageMaker or S3 operation with the official AWS SDK for JavaScript v3 and prints the outcome
// as one JSON line on stdout. Used by tests/Dashboard.WireProof.Tests.
//
//   node --no-warnings call.mjs <endpoint> <operation> <json-input>
//
// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (set by the test), region from AWS_REGION
// (default us-east-1). Output: {"ok":true,"output":{...}} with every Date written as {"$date":"<ISO 8601>"}, or
// {"ok":false,"error":{"name","code","httpStatusCode","message","requestId"}}. Exit code 0 either way; 2 for bad usage.
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
} from "@aws-sdk/client-cloudwatch";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import {
  CreateEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeMonitoringScheduleCommand,
  DescribePipelineCommand,
  DescribePipelineExecutionCommand,
  DescribeProcessingJobCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  ListMonitoringExecutionsCommand,
  ListMonitoringSchedulesCommand,
  ListPipelineExecutionStepsCommand,
  ListPipelineExecutionsCommand,
  ListPipelinesCommand,
  ListTagsCommand,
  SageMakerClient,
  StartPipelineExecutionCommand,
  UpdateEndpointCommand,
  UpdateEndpointWeightsAndCapacitiesCommand,
} from "@aws-sdk/client-sagemaker";

const operations = {
  ListMetrics: ["cloudwatch", ListMetricsCommand],
  GetMetricData: ["cloudwatch", GetMetricDataCommand],
  PutMetricAlarm: ["cloudwatch", PutMetricAlarmCommand],
  PutCompositeAlarm: ["cloudwatch", PutCompositeAlarmCommand],
  DescribeAlarms: ["cloudwatch", DescribeAlarmsCommand],
  DescribeAlarmHistory: ["cloudwatch", DescribeAlarmHistoryCommand],
  DeleteAlarms: ["cloudwatch", DeleteAlarmsCommand],
  SetAlarmState: ["cloudwatch", SetAlarmStateCommand],
  ListEndpoints: ["sagemaker", ListEndpointsCommand],
  DescribeEndpoint: ["sagemaker", DescribeEndpointCommand],
  DescribeEndpointConfig: ["sagemaker", DescribeEndpointConfigCommand],
  UpdateEndpointWeightsAndCapacities: ["sagemaker", UpdateEndpointWeightsAndCapacitiesCommand],
  ListModels: ["sagemaker", ListModelsCommand],
  DescribeModel: ["sagemaker", DescribeModelCommand],
  CreateEndpointConfig: ["sagemaker", CreateEndpointConfigCommand],
  UpdateEndpoint: ["sagemaker", UpdateEndpointCommand],
  ListTags: ["sagemaker", ListTagsCommand],
  ListMonitoringSchedules: ["sagemaker", ListMonitoringSchedulesCommand],
  DescribeMonitoringSchedule: ["sagemaker", DescribeMonitoringScheduleCommand],
  ListMonitoringExecutions: ["sagemaker", ListMonitoringExecutionsCommand],
  DescribeProcessingJob: ["sagemaker", DescribeProcessingJobCommand],
  ListPipelines: ["sagemaker", ListPipelinesCommand],
  DescribePipeline: ["sagemaker", DescribePipelineCommand],
  StartPipelineExecution: ["sagemaker", StartPipelineExecutionCommand],
  DescribePipelineExecution: ["sagemaker", DescribePipelineExecutionCommand],
  ListPipelineExecutions: ["sagemaker", ListPipelineExecutionsCommand],
  ListPipelineExecutionSteps: ["sagemaker", ListPipelineExecutionStepsCommand],
  ListObjectsV2: ["s3", ListObjectsV2Command],
  GetObject: ["s3", GetObjectCommand],
};

// Members the SDK models as timestamps: the test passes them as ISO 8601 strings or epoch seconds.
const timestampMembers = new Set(["StartTime", "EndTime", "StartDate", "EndDate", "CreationTimeBefore", "CreationTimeAfter",
  "LastModifiedTimeBefore", "LastModifiedTimeAfter", "ScheduledTimeBefore", "ScheduledTimeAfter", "CreatedAfter", "CreatedBefore"]);

const [endpoint, operation, json = "{}"] = process.argv.slice(2);
if (!endpoint || !operations[operation]) {
  console.error(`usage: call.mjs <endpoint> <${Object.keys(operations).join("|")}> <json-input>`);
  process.exit(2);
}

const input = JSON.parse(json, (key, value) =>
  timestampMembers.has(key) ? new Date(typeof value === "number" ? value * 1000 : value) : value);

const [service, Command] = operations[operation];
const config = {
  endpoint,
  region: process.env.AWS_REGION ?? "us-east-1",
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
  },
  maxAttempts: 1,
};
// S3 path-style (bucket in the path), as a simulator serves it.
const client = service === "cloudwatch" ? new CloudWatchClient(config)
  : service === "s3" ? new S3Client({ ...config, forcePathStyle: true })
  : new SageMakerClient(config);

function replacer(key, value) {
  const raw = this[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

let result;
try {
  const output = await client.send(new Command(input));
  if (output.Body?.transformToString) {
    // GetObject: the body is a stream; read it whole (the SDK checks it as it is read).
    output.Body = await output.Body.transformToString();
  }
  result = { ok: true, output };
} catch (error) {
  result = {
    ok: false,
    error: {
      name: error.name,
      code: error.Code ?? null,
      httpStatusCode: error.$metadata?.httpStatusCode ?? null,
      message: error.message,
      requestId: error.$metadata?.requestId ?? null,
    },
  };
} finally {
  client.destroy();
}
process.stdout.write(JSON.stringify(result, replacer) + "\n");
