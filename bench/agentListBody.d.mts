export declare const agentListBody: string;
