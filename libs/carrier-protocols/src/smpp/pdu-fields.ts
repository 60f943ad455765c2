/** esm_class bits we set or test (SMPP 3.4 §5.2.12). */
export const ESM_CLASS = {
  /** Message type: SMSC delivery receipt. */
  DELIVERY_RECEIPT: 0x04,
  /** Message type: intermediate delivery notification. */
  INTERMEDIATE_NOTIFICATION: 0x20,
  /** GSM feature: short_message begins with a user data header. */
  UDHI: 0x40,
} as const;

/** data_coding values we send (SMPP 3.4 §5.2.19). */
export const DATA_CODING = {
  /** SMSC default alphabet, which for our SMSCs is GSM 03.38, one septet per octet. */
  GSM7: 0x00,
  UCS2: 0x08,
} as const;

/** An address field triple (SMPP 3.4 §5.2.5–5.2.8), as the submit_sm / deliver_sm body carries it. */
export interface AddressFields {
  source_addr_ton?: number;
  source_addr_npi?: number;
  source_addr?: string;
  dest_addr_ton?: number;
  dest_addr_npi?: number;
  destination_addr?: string;
}

/**
 * short_message or message_payload as the smpp package hands them over after reading a PDU: the UDH split into
 * its information elements, and the text already decoded when the package knows the data_coding (bytes otherwise).
 */
export interface DecodedMessage {
  message?: string | Buffer;
  udh?: Buffer[];
}

/** The fields of a received deliver_sm / data_sm / submit_sm that the codec reads; a PDU carries others too. */
export interface IncomingMessagePdu extends AddressFields {
  [field: string]: unknown;
  esm_class?: number;
  data_coding?: number;
  short_message?: DecodedMessage;
  message_payload?: DecodedMessage;
  sar_msg_ref_num?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
  receipted_message_id?: string;
  message_state?: number;
  network_error_code?: Buffer;
}

/** The body of one outgoing message part, as given to the smpp package's PDU constructor. */
export interface MessagePartFields {
  esm_class: number;
  data_coding: number;
  /** Encoded by us, UDH included: GSM-7 and UCS-2 then follow our codec exactly, not the package's guess. */
  short_message: Buffer;
  sar_msg_ref_num?: number;
  sar_total_segments?: number;
  sar_segment_seqnum?: number;
}

export interface SubmitSmFields extends Required<AddressFields>, MessagePartFields {
  service_type: string;
  registered_delivery: number;
}

export interface DeliverSmFields extends Required<AddressFields>, MessagePartFields {
  receipted_message_id?: string;
  message_state?: number;
  network_error_code?: Buffer;
}
