import { Kafka, logLevel } from 'kafkajs';
import { testEnv } from './test-env';

/**
 * Moves a consumer group's committed offsets to the end of the topics, as if the service had
 * already read everything earlier suites left there. A suite that drops pass-service's schema
 * issues pass numbers from 000001 again, and checkpoints revoke by pass number: a pass.revoked
 * an earlier suite left on the shared topic would revoke this suite's pass of the same number
 * (in production a number is never issued twice). Call it before the group's service starts.
 */
export async function skipConsumerGroupToEnd(groupId: string, topics: string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'test-skip-group',
    brokers: testEnv.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of topics.filter((t) => existing.has(t))) {
      // Real offsets: resetOffsets would commit -1 ("latest"), which kafkajs then reads as no
      // offset at all, and the service would start from the beginning.
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
