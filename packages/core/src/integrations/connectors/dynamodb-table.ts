import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A DynamoDB item or key, as plain JavaScript values. */
export type Item = Record<string, unknown>;

/** Reads and writes one DynamoDB table with plain objects. */
export interface DynamoDbTable {
  get(key: Item): Promise<Item | null>;
  put(item: Item): Promise<void>;
  /** Items whose partition key (and optional sort-key condition) match, e.g. `query({ keyCondition: 'pk = :pk', values: { ':pk': 'call#1' } })`. */
  query(input: {
    keyCondition: string;
    values: Item;
    names?: Record<string, string>;
    limit?: number;
  }): Promise<Item[]>;
  /** Sets the given attributes on an item; returns the item after the change. */
  update(key: Item, changes: Item): Promise<Item>;
  delete(key: Item): Promise<void>;
}

export async function dynamoDbTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<DynamoDbTable> {
  const lib = await import('@aws-sdk/lib-dynamodb');
  const documents = lib.DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    async get(key) {
      const { Item } = await documents.send(new lib.GetCommand({ TableName: tableName, Key: key }));
      return Item ?? null;
    },
    async put(item) {
      await documents.send(new lib.PutCommand({ TableName: tableName, Item: item }));
    },
    async query({ keyCondition, values, names, limit }) {
      const { Items } = await documents.send(
        new lib.QueryCommand({
          TableName: tableName,
          KeyConditionExpression: keyCondition,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
          ...(limit ? { Limit: limit } : {}),
        }),
      );
      return Items ?? [];
    },
    async update(key, changes) {
      const fields = Object.keys(changes);
      const { Attributes } = await documents.send(
        new lib.UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])),
          ExpressionAttributeValues: Object.fromEntries(
            fields.map((f, i) => [`:v${i}`, changes[f]]),
          ),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ?? {};
    },
    async delete(key) {
      await documents.send(new lib.DeleteCommand({ TableName: tableName, Key: key }));
    },
  };
}
