import { api } from '../../lib/api';

/** A saved address of the delivery service's address book (services/delivery/README.md). */
export interface SavedAddress {
  id: number;
  memberId: number;
  address: string;
  alias: string;
}

export const listAddresses = (memberId: number, signal?: AbortSignal) =>
  api<SavedAddress[]>(`/delivery/members/${memberId}/addresses`, { auth: true, signal });

export const saveAddress = (memberId: number, address: string, alias: string) =>
  api<SavedAddress>('/delivery/addresses/register', { body: { memberId, address, alias }, auth: true });
