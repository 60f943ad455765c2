import { assertCheckpoint, CheckpointStore } from './checkpoint-store.port';

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();

  async load(name: string): Promise<bigint | undefined> {
    assertCheckpoint(name);
    return this.positions.get(name);
  }

  async save(name: string, position: bigint): Promise<void> {
    assertCheckpoint(name, position);
    this.positions.set(name, position);
  }
}
